package dev.ec2migrator.cleanup;

import dev.ec2migrator.aws.AwsCallException;
import dev.ec2migrator.aws.Ec2Describes;
import dev.ec2migrator.aws.Ec2Requests;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.cloudformation.CellFormat;
import dev.ec2migrator.cloudformation.ResultColumn;
import dev.ec2migrator.cloudformation.ResultRow;
import dev.ec2migrator.cloudformation.ResultsCsvReader;
import dev.ec2migrator.deploy.CloudFormationClients;
import dev.ec2migrator.deploy.DeployPlanner;
import dev.ec2migrator.deploy.InvalidDeployInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Lists what a run made that cleanup may delete, only by the run's tag (migrator:run): by default
 * the source-region snapshots; {@code failed} also the copies and images of FAILED instances;
 * {@code all} everything (the stacks, images, copies and source snapshots: a rollback). An image in
 * use by an instance that stays is kept, with the snapshots behind it and the other copies of the
 * same source instance.
 *
 * <p>Over 250 lines on purpose: the three scopes share one listing (stacks, images with the
 * instances that keep them, snapshots) whose reasons to keep cross from an image to its copies.
 */
public class CleanupPlanner {
  public static final List<String> SCOPES = List.of("source", "failed", "all");

  private final Path outbox;
  private final Ec2Describes describes;
  private final Ec2Requests requests;
  private final CloudFormationClients cloudFormation;
  private final DeployPlanner stacks;

  public CleanupPlanner(
      String outbox,
      Ec2Describes describes,
      Ec2Requests requests,
      CloudFormationClients cloudFormation,
      DeployPlanner stacks) {
    this.stacks = stacks;
    this.outbox = Path.of(outbox);
    this.describes = describes;
    this.requests = requests;
    this.cloudFormation = cloudFormation;
  }

  public CleanupPlan plan(String runId, String scope, boolean dryRun) {
    if (!CellFormat.RUN_ID.matches(runId)) {
      throw new InvalidDeployInputException(
          "run id \"" + runId + "\" is not a run id (" + CellFormat.RUN_ID.expected() + ")");
    }
    if (!SCOPES.contains(scope)) {
      throw new InvalidDeployInputException(
          "cleanup scope must be one of " + SCOPES + ", not " + scope);
    }
    Path csv = outbox.resolve(runId + ".csv");
    if (!Files.isRegularFile(csv)) {
      throw new InvalidDeployInputException(
          "unknown run " + runId + ": no " + csv + " (check migrator.outbox)");
    }
    List<ResultRow> rows = new ResultsCsvReader().read(read(csv));
    Set<String> sourceRegions = values(rows, ResultColumn.SOURCE_REGION);
    Set<String> targetRegions = values(rows, ResultColumn.TARGET_REGION);
    Set<String> failed =
        rows.stream()
            .filter(r -> r.get(ResultColumn.STATUS).equals("FAILED"))
            .map(r -> r.get(ResultColumn.SOURCE_INSTANCE_ID))
            .collect(Collectors.toCollection(TreeSet::new));

    List<CleanupItem> items = new ArrayList<>();
    if (scope.equals("all")) {
      for (String region : targetRegions) {
        for (Stack stack : runStacks(region, runId)) {
          items.add(
              new CleanupItem(
                  "stack", region, stack.stackName(), 0, stack.stackStatusAsString(), null));
        }
      }
    }
    if (!scope.equals("source")) {
      for (String region : targetRegions) {
        items.addAll(targetItems(region, runId, scope.equals("all") ? null : failed));
      }
    }
    for (String region : sourceRegions) {
      items.addAll(
          snapshotItems(
              region,
              runId,
              null,
              (s, source) -> "source snapshot of " + source + " " + s.volumeId(),
              (s, source) -> null));
    }
    return new CleanupPlan(runId, scope, dryRun, items);
  }

  /**
   * The run's images and copies in a target region (of the given instances, or all when null); an
   * image used by an instance that stays keeps itself and its snapshots.
   */
  private List<CleanupItem> targetItems(String region, String runId, Set<String> onlyInstances) {
    List<CleanupItem> items = new ArrayList<>();
    Map<String, String> snapshotKeptBecause = new HashMap<>();
    Map<String, String> instanceKeptBecause = new HashMap<>();
    for (Image image : describes.describeRunTaggedImages(region, runId)) {
      String source = tag(image.tags(), MigrationTags.SOURCE_INSTANCE);
      if (onlyInstances != null && !onlyInstances.contains(source)) {
        continue;
      }
      // a rollback deletes the run's own stacks first: their instances do not keep an image
      List<String> users =
          instancesUsing(region, image.imageId()).stream()
              .filter(i -> onlyInstances != null || !runId.equals(tag(i.tags(), MigrationTags.RUN)))
              .map(Instance::instanceId)
              .toList();
      String keep = users.isEmpty() ? null : "in use by " + String.join(", ", users);
      if (keep != null) {
        // the instance's data volume copies go with its image: a redeploy needs them all
        instanceKeptBecause.put(
            source, "copy of the same instance as image " + image.imageId() + ", " + keep);
        image.blockDeviceMappings().stream()
            .filter(m -> m.ebs() != null && m.ebs().snapshotId() != null)
            .forEach(
                m ->
                    snapshotKeptBecause.put(
                        m.ebs().snapshotId(), "behind image " + image.imageId() + ", " + keep));
      }
      items.add(new CleanupItem("image", region, image.imageId(), 0, "image of " + source, keep));
    }
    items.addAll(
        snapshotItems(
            region,
            runId,
            onlyInstances,
            (s, source) -> "copy for " + source + " " + tag(s.tags(), MigrationTags.DEVICE),
            (s, source) ->
                snapshotKeptBecause.getOrDefault(s.snapshotId(), instanceKeptBecause.get(source))));
    return items;
  }

  /**
   * The run's snapshots in a region (of the given source instances, or all when null), each
   * described and, when it stays, given its reason.
   */
  private List<CleanupItem> snapshotItems(
      String region,
      String runId,
      Set<String> onlyInstances,
      BiFunction<Snapshot, String, String> description,
      BiFunction<Snapshot, String, String> keptBecause) {
    List<CleanupItem> items = new ArrayList<>();
    for (Snapshot s : describes.describeRunSnapshots(region, List.of(runId), List.of())) {
      String source = tag(s.tags(), MigrationTags.SOURCE_INSTANCE);
      if (onlyInstances == null || onlyInstances.contains(source)) {
        items.add(
            new CleanupItem(
                "snapshot",
                region,
                s.snapshotId(),
                s.volumeSize() == null ? 0 : s.volumeSize(),
                description.apply(s, source),
                keptBecause.apply(s, source)));
      }
    }
    return items;
  }

  private List<Instance> instancesUsing(String region, String imageId) {
    return requests.describe(
        region,
        "DescribeInstances",
        client ->
            client
                .describeInstancesPaginator(
                    r ->
                        r.filters(
                            Filter.builder().name("image-id").values(imageId).build(),
                            Filter.builder()
                                .name("instance-state-name")
                                .values("pending", "running", "stopping", "stopped")
                                .build()))
                .reservations()
                .stream()
                .flatMap(res -> res.instances().stream())
                .toList());
  }

  /**
   * The stacks deploy made of the run's templates (named as deploy names them), if they exist and
   * carry the run's tag.
   */
  private List<Stack> runStacks(String region, String runId) {
    List<Stack> found = new ArrayList<>();
    for (String name : stacks.stackNames(runId)) {
      try {
        cloudFormation.forRegion(region).describeStacks(r -> r.stackName(name)).stacks().stream()
            .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
            .filter(
                s ->
                    s.tags().stream()
                        .anyMatch(
                            t -> t.key().equals(MigrationTags.RUN) && t.value().equals(runId)))
            .forEach(found::add);
      } catch (AwsServiceException e) {
        if (e.awsErrorDetails() == null
            || !String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
          throw new AwsCallException(name, "DescribeStacks", e);
        }
      }
    }
    // instance stacks before the network stack they import from (deleted in that order)
    java.util.Collections.reverse(found);
    return found;
  }

  private static String tag(List<Tag> tags, String key) {
    return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
  }

  private static Set<String> values(List<ResultRow> rows, ResultColumn column) {
    return rows.stream()
        .map(r -> r.get(column))
        .filter(v -> !v.isBlank())
        .peek(
            v -> {
              if (!CellFormat.REGION.matches(v)) {
                throw new InvalidDeployInputException(
                    column.header() + " \"" + v + "\" is not a region");
              }
            })
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
