package dev.ec2migrator.preflight;

import dev.ec2migrator.aws.ApiAction;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2CallException;
import dev.ec2migrator.aws.Ec2Calls;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.quiesce.QuiesceMode;
import dev.ec2migrator.quiesce.QuiesceModes;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * IAM, by {@code DryRun=true} of each mutating call the run will make for the instance, in the
 * region it will make it in, with the tags it will send (tagging on create needs ec2:CreateTags as
 * well): CreateSnapshots at the source; CopySnapshot and RegisterImage at the target; CreateTags,
 * DeleteTags, StopInstances and StartInstances at the source in quiesce mode stop. DryRunOperation
 * means allowed, UnauthorizedOperation is a finding naming the action.
 *
 * <p>EC2 answers a DryRun in this order: the request's syntax (a malformed id fails with
 * InvalidParameterValue or *.Malformed), then the resources it names (a snapshot that does not
 * exist yet answers InvalidSnapshot.NotFound, whoever asks), and only then IAM, and DryRunOperation
 * last. AWS documents no order (the API reference says only "DryRunOperation if you have the
 * required permissions, otherwise UnauthorizedOperation"); this one follows from IAM itself, whose
 * resource-level conditions (ec2:ResourceTag/..., the resource's ARN) need the named resource
 * looked up first, and from what callers report (aws/aws-cli#8873: a DryRunOperation answer, then
 * the real call refused for a parameter checked only while acting). CopySnapshot and RegisterImage
 * name snapshots the run has not made yet, so they are asked with a well-formed placeholder id; a
 * NotFound answer then says nothing about the permission, and the preflight notes that the
 * permission is only known at the call. The other calls name the described instance itself, so
 * their answer is the permission's.
 *
 * <p>An answer is kept for the instance until its run closes: when a later check cannot look
 * (throttled, a lost connection) the route retries the whole preflight, and the retry asks only
 * what it has no answer for yet; asking again would spend mutating-bucket tokens the run's copies
 * and images are waiting for, on every retry.
 */
public class DryRunPermissionCheck implements PreflightCheck, RunListener {
  /** Well-formed, and never a snapshot of anyone's (snapshot ids are random 17-hex). */
  static final String PLACEHOLDER_SNAPSHOT = "snap-00000000000000000";

  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;
  private final QuiesceModes quiesceModes;

  /** Per instance of an open run, per "action region": the finding, empty when permitted. */
  private final Map<InstanceMigration, Map<String, Optional<String>>> answers =
      new ConcurrentHashMap<>();

  public DryRunPermissionCheck(
      Ec2Clients clients, ApiRateLimiter limiter, QuiesceModes quiesceModes) {
    this.clients = clients;
    this.limiter = limiter;
    this.quiesceModes = quiesceModes;
  }

  @Override
  public String name() {
    return "iam";
  }

  @Override
  public void closed(MigrationRun run) {
    answers.keySet().removeIf(m -> m.runId().equals(run.runId()));
  }

  @Override
  public List<String> findings(InstanceMigration m) throws Exception {
    List<String> findings = new ArrayList<>();
    String source = m.sourceRegion();
    String target = m.targetRegion();
    SourceVolume root =
        m.source().volumes().stream()
            .filter(SourceVolume::root)
            .findFirst()
            .orElse(m.source().volumes().isEmpty() ? null : m.source().volumes().get(0));
    ask(
        m,
        "CreateSnapshots",
        source,
        ApiAction.CREATE_SNAPSHOTS,
        c ->
            c.createSnapshots(
                r ->
                    r.dryRun(true)
                        .instanceSpecification(
                            s -> s.instanceId(m.instanceId()).excludeBootVolume(false))
                        .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                        .tagSpecifications(MigrationTags.forSourceSnapshots(m))),
        findings);
    if (root != null) {
      ask(
          m,
          "CopySnapshot",
          target,
          ApiAction.COPY_SNAPSHOT,
          c ->
              c.copySnapshot(
                  r ->
                      r.dryRun(true)
                          .sourceRegion(source)
                          .destinationRegion(target)
                          .sourceSnapshotId(PLACEHOLDER_SNAPSHOT)
                          .tagSpecifications(MigrationTags.forCopy(m, root, PLACEHOLDER_SNAPSHOT))),
          findings);
      ask(
          m,
          "RegisterImage",
          target,
          ApiAction.REGISTER_IMAGE,
          c ->
              c.registerImage(
                  r ->
                      r.dryRun(true)
                          .name(MigrationTags.imageName(m))
                          .architecture(m.source().architecture())
                          .rootDeviceName(m.source().rootDeviceName())
                          .virtualizationType(m.source().virtualizationType())
                          .blockDeviceMappings(
                              b ->
                                  b.deviceName(root.device())
                                      .ebs(e -> e.snapshotId(PLACEHOLDER_SNAPSHOT)))
                          .tagSpecifications(
                              TagSpecification.builder()
                                  .resourceType(ResourceType.IMAGE)
                                  .tags(MigrationTags.forImage(m))
                                  .build())),
          findings);
    }
    if (quiesceModes.of(m) == QuiesceMode.STOP && m.source().running()) {
      ask(
          m,
          "CreateTags",
          source,
          ApiAction.REGISTER_IMAGE,
          c ->
              c.createTags(
                  r ->
                      r.dryRun(true)
                          .resources(m.instanceId())
                          .tags(t -> t.key(MigrationTags.STOPPED_BY).value(m.runId()))),
          findings);
      ask(
          m,
          "DeleteTags",
          source,
          ApiAction.REGISTER_IMAGE,
          c ->
              c.deleteTags(
                  r ->
                      r.dryRun(true)
                          .resources(m.instanceId())
                          .tags(t -> t.key(MigrationTags.STOPPED_BY))),
          findings);
      ask(
          m,
          "StopInstances",
          source,
          ApiAction.REGISTER_IMAGE,
          c -> c.stopInstances(r -> r.dryRun(true).instanceIds(m.instanceId())),
          findings);
      ask(
          m,
          "StartInstances",
          source,
          ApiAction.REGISTER_IMAGE,
          c -> c.startInstances(r -> r.dryRun(true).instanceIds(m.instanceId())),
          findings);
    }
    return findings;
  }

  /**
   * One DryRun call; throws when the answer says nothing about the permission. A throttled or lost
   * call fails typed ({@link Ec2CallException} with the instance and AWS's code), so the route's
   * retry rule asks again later instead of failing the instance.
   */
  private void ask(
      InstanceMigration m,
      String action,
      String region,
      ApiAction bucket,
      Consumer<Ec2Client> call,
      List<String> findings)
      throws InterruptedException {
    Map<String, Optional<String>> known =
        answers.computeIfAbsent(m, k -> new ConcurrentHashMap<>());
    Optional<String> answer = known.get(action + " " + region);
    if (answer == null) {
      answer = answer(m, action, region, bucket, call);
      known.put(action + " " + region, answer);
    }
    answer.ifPresent(findings::add);
  }

  /** The finding of one DryRun call, empty when permitted (or not knowable before the call). */
  private Optional<String> answer(
      InstanceMigration m, String action, String region, ApiAction bucket, Consumer<Ec2Client> call)
      throws InterruptedException {
    limiter.acquire(region, bucket);
    try {
      Ec2Calls.call(
          m.instanceId(),
          action + " (DryRun)",
          () -> {
            call.accept(clients.forRegion(region));
            return null;
          });
    } catch (Ec2CallException e) {
      if ("DryRunOperation".equals(e.code())) {
        return Optional.empty();
      }
      if ("UnauthorizedOperation".equals(e.code())) {
        return Optional.of(
            "not allowed to call "
                + action
                + " in "
                + region
                + " (UnauthorizedOperation): grant ec2:"
                + action
                + " (config/iam-policy.json has the policy)");
      }
      if (e.code() != null && e.code().startsWith("InvalidSnapshot")) {
        m.warn(action + " in " + region + ": the permission is only known at the call");
        return Optional.empty();
      }
      throw e;
    }
    throw new IllegalStateException(
        action + " in " + region + " answered a DryRun call as if it had been made");
  }
}
