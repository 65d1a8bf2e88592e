package dev.ec2migrator.aws;

import dev.ec2migrator.image.ImageShape;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * The EC2 calls camel-aws2-ec2 does not offer: snapshots, copies, images and the describes the
 * tracker needs. Each call is one SDK request; errors become typed exceptions naming the instance
 * and the AWS error code ({@link Ec2Calls}).
 *
 * <p>Over 250 lines on purpose: it is the one place every route bean, preflight and cleanup reach
 * EC2 through, each public method one call (or one paginated listing) sharing the in-place
 * throttling retry and the pagination below; the request building is the calls' own.
 */
public class Ec2Gateway {
  /** EC2 accepts up to 200 values per filter. */
  static final int FILTER_VALUES = 200;

  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;
  private final RetryRule retryRule;

  public Ec2Gateway(Ec2Clients clients, ApiRateLimiter limiter, RetryRule retryRule) {
    this.clients = clients;
    this.limiter = limiter;
    this.retryRule = retryRule;
  }

  /** All volumes of the instance at one point in time; the permit was taken before the freeze. */
  public void createSnapshots(InstanceMigration m) {
    CreateSnapshotsResponse response =
        callRetryingThrottling(
            m,
            "CreateSnapshots",
            m.sourceRegion(),
            () ->
                clients
                    .forCreatingCalls(m.sourceRegion())
                    .createSnapshots(
                        r ->
                            r.instanceSpecification(
                                    s -> s.instanceId(m.instanceId()).excludeBootVolume(false))
                                .description(
                                    "ec2-region-migrator run "
                                        + m.runId()
                                        + " of "
                                        + m.instanceId())
                                .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                                .tagSpecifications(MigrationTags.forSourceSnapshots(m))));
    response.snapshots().forEach(s -> m.sourceSnapshots().put(s.volumeId(), s.snapshotId()));
  }

  /**
   * Copies one volume's snapshot, called on the target region's client. DestinationRegion must be
   * set: with an endpoint override the SDK's presigning step cannot tell the region otherwise.
   */
  public String copySnapshot(InstanceMigration m, SourceVolume v, String kmsKeyId) {
    String sourceSnapshot = m.sourceSnapshots().get(v.volumeId());
    boolean encrypt = kmsKeyId != null && !kmsKeyId.isBlank();
    String copy =
        callRetryingThrottling(
                m,
                "CopySnapshot",
                m.targetRegion(),
                () ->
                    clients
                        .forCreatingCalls(m.targetRegion())
                        .copySnapshot(
                            r -> {
                              r.sourceRegion(m.sourceRegion())
                                  .sourceSnapshotId(sourceSnapshot)
                                  .destinationRegion(m.targetRegion())
                                  .description(
                                      "ec2-region-migrator run "
                                          + m.runId()
                                          + ": "
                                          + m.instanceId()
                                          + " "
                                          + v.device()
                                          + " from "
                                          + m.sourceRegion()
                                          + "/"
                                          + sourceSnapshot)
                                  .tagSpecifications(MigrationTags.forCopy(m, v, sourceSnapshot));
                              if (encrypt) {
                                r.encrypted(true).kmsKeyId(kmsKeyId);
                              }
                            }))
            .snapshotId();
    m.targetSnapshots().put(v.volumeId(), copy);
    return copy;
  }

  /**
   * Registers the image from the copied snapshots, every volume mapped (see {@link ImageShape}).
   *
   * @param uefiData the source's UEFI variable store, or null
   */
  public String registerImage(InstanceMigration m, String kernelId, String uefiData) {
    String imageId;
    try {
      imageId = callRegisterImage(m, kernelId, uefiData);
    } catch (Ec2CallException e) {
      // an earlier attempt registered it (the answer was lost): image names are unique per region
      if (!"InvalidAMIName.Duplicate".equals(e.code())) {
        throw e;
      }
      imageId =
          describeRunImages(m.targetRegion(), m.runId()).stream()
              .filter(i -> i.name().equals(MigrationTags.imageName(m)))
              .map(Image::imageId)
              .findFirst()
              .orElseThrow(() -> e);
    }
    m.imageRegistered(imageId);
    return imageId;
  }

  private String callRegisterImage(InstanceMigration m, String kernelId, String uefiData) {
    return call(
            m,
            "RegisterImage",
            m.targetRegion(),
            () ->
                client(m.targetRegion())
                    .registerImage(
                        r -> {
                          r.name(MigrationTags.imageName(m))
                              .description(
                                  "ec2-region-migrator run "
                                      + m.runId()
                                      + " of "
                                      + m.instanceId()
                                      + " ("
                                      + m.sourceRegion()
                                      + ")")
                              // tagged as it is made: no second call, no untagged image if we die
                              .tagSpecifications(
                                  TagSpecification.builder()
                                      .resourceType(ResourceType.IMAGE)
                                      .tags(MigrationTags.forImage(m))
                                      .build());
                          ImageShape.apply(r, m, kernelId, uefiData);
                        }))
        .imageId();
  }

  /** The source's UEFI variable store (base64), or null when it has none. */
  public String uefiData(InstanceMigration m) {
    return call(
            m,
            "GetInstanceUefiData",
            m.sourceRegion(),
            () -> client(m.sourceRegion()).getInstanceUefiData(r -> r.instanceId(m.instanceId())))
        .uefiData();
  }

  /**
   * Tags the instance {@value MigrationTags#STOPPED_BY} with the run before it is stopped: a rerun
   * of the run finds it and starts it, should this run die while the instance is stopped.
   */
  public void markStoppedBy(InstanceMigration m) {
    callRetryingThrottling(
        m,
        "CreateTags",
        m.sourceRegion(),
        () ->
            clients
                .forCreatingCalls(m.sourceRegion())
                .createTags(
                    r ->
                        r.resources(m.instanceId())
                            .tags(t -> t.key(MigrationTags.STOPPED_BY).value(m.runId()))));
  }

  public void unmarkStoppedBy(InstanceMigration m) {
    callRetryingThrottling(
        m,
        "DeleteTags",
        m.sourceRegion(),
        () ->
            clients
                .forCreatingCalls(m.sourceRegion())
                .deleteTags(
                    r -> r.resources(m.instanceId()).tags(t -> t.key(MigrationTags.STOPPED_BY))));
  }

  public void stopInstance(InstanceMigration m) {
    callRetryingThrottling(
        m,
        "StopInstances",
        m.sourceRegion(),
        () ->
            clients
                .forCreatingCalls(m.sourceRegion())
                .stopInstances(r -> r.instanceIds(m.instanceId())));
  }

  public void startInstance(InstanceMigration m) {
    callRetryingThrottling(
        m,
        "StartInstances",
        m.sourceRegion(),
        () ->
            clients
                .forCreatingCalls(m.sourceRegion())
                .startInstances(r -> r.instanceIds(m.instanceId())));
  }

  /** The instance's state name now (running, stopping, stopped, ...). */
  public String instanceState(InstanceMigration m) {
    return call(
        m,
        "DescribeInstances",
        m.sourceRegion(),
        () ->
            client(m.sourceRegion())
                .describeInstances(r -> r.instanceIds(m.instanceId()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .nameAsString());
  }

  /** Volumes attached to the given instances, keyed by instance id, in chunks of 200. */
  public Map<String, List<Volume>> describeVolumes(String region, Collection<String> instanceIds) {
    Map<String, List<Volume>> byInstance = new HashMap<>();
    for (List<String> chunk : chunks(new ArrayList<>(instanceIds), FILTER_VALUES)) {
      DescribeVolumesRequest request =
          DescribeVolumesRequest.builder()
              .filters(Filter.builder().name("attachment.instance-id").values(chunk).build())
              .maxResults(500)
              .build();
      for (var page :
          pages(
              region,
              "DescribeVolumes",
              next -> client(region).describeVolumes(request.toBuilder().nextToken(next).build()),
              DescribeVolumesResponse::nextToken)) {
        for (Volume v : page.volumes()) {
          for (VolumeAttachment a : v.attachments()) {
            byInstance.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(v);
          }
        }
      }
    }
    return byInstance;
  }

  /** Every snapshot of the given runs in a region with the given states (all states if empty). */
  public List<Snapshot> describeRunSnapshots(
      String region, Collection<String> runIds, List<SnapshotState> states) {
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("tag:" + MigrationTags.RUN).values(runIds).build());
    if (!states.isEmpty()) {
      filters.add(
          Filter.builder()
              .name("status")
              .values(states.stream().map(SnapshotState::toString).toList())
              .build());
    }
    return describeSnapshots(region, filters);
  }

  /** Snapshots of one instance in one run. */
  public List<Snapshot> describeInstanceSnapshots(String region, String runId, String instanceId) {
    return describeSnapshots(
        region,
        List.of(
            Filter.builder().name("tag:" + MigrationTags.RUN).values(runId).build(),
            Filter.builder()
                .name("tag:" + MigrationTags.SOURCE_INSTANCE)
                .values(instanceId)
                .build()));
  }

  /** How many snapshots of each volume of the region are pending right now (any tool's). */
  public Map<String, Long> pendingSnapshotsPerVolume(String region) {
    Map<String, Long> pending = new HashMap<>();
    for (Snapshot snapshot :
        describeSnapshots(
            region,
            List.of(
                Filter.builder()
                    .name("status")
                    .values(SnapshotState.PENDING.toString())
                    .build()))) {
      pending.merge(snapshot.volumeId(), 1L, Long::sum);
    }
    return pending;
  }

  /** How many snapshots of each of these volumes are pending right now (any owner tool's). */
  public Map<String, Long> pendingSnapshotsPerVolume(
      InstanceMigration m, String region, List<String> volumeIds) {
    Map<String, Long> pending = new HashMap<>();
    for (List<String> chunk : chunks(volumeIds, FILTER_VALUES)) {
      for (Snapshot snapshot :
          describeSnapshots(
              region,
              List.of(
                  Filter.builder().name("volume-id").values(chunk).build(),
                  Filter.builder()
                      .name("status")
                      .values(SnapshotState.PENDING.toString())
                      .build()))) {
        pending.merge(snapshot.volumeId(), 1L, Long::sum);
      }
    }
    return pending;
  }

  /** The given snapshots' current state, by id filter (an id filter never fails on unknown ids). */
  public List<Snapshot> describeSnapshotsById(String region, List<String> snapshotIds) {
    List<Snapshot> all = new ArrayList<>();
    for (List<String> chunk : chunks(snapshotIds, FILTER_VALUES)) {
      all.addAll(
          describeSnapshots(
              region, List.of(Filter.builder().name("snapshot-id").values(chunk).build())));
    }
    return all;
  }

  private List<Snapshot> describeSnapshots(String region, List<Filter> filters) {
    DescribeSnapshotsRequest request =
        DescribeSnapshotsRequest.builder()
            .ownerIds("self")
            .filters(filters)
            .maxResults(1000)
            .build();
    return pages(
            region,
            "DescribeSnapshots",
            next -> client(region).describeSnapshots(request.toBuilder().nextToken(next).build()),
            DescribeSnapshotsResponse::nextToken)
        .stream()
        .flatMap(page -> page.snapshots().stream())
        .toList();
  }

  /** Images this run registered in a region (their names carry the run id). */
  public List<Image> describeRunImages(String region, String runId) {
    return call(
            null,
            "DescribeImages",
            region,
            () ->
                client(region)
                    .describeImages(
                        r ->
                            r.owners("self")
                                .filters(
                                    Filter.builder()
                                        .name("name")
                                        .values(MigrationTags.imageNamePrefix(runId) + "*")
                                        .build())))
        .images();
  }

  private Ec2Client client(String region) {
    return clients.forRegion(region);
  }

  /**
   * A call that makes something, on a client without SDK retries: only throttling (refused before
   * anything was done) is retried here, with exponential backoff and full jitter; any other error
   * goes up, so that the route looks for what may have been made before trying again.
   */
  private <T> T callRetryingThrottling(
      InstanceMigration m, String action, String region, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call(m, action, region, call);
      } catch (Ec2CallException e) {
        if (!retryRule.refusedBeforeEffect(e) || attempt >= clients.maxAttempts()) {
          throw e;
        }
        long ceiling = Math.min(20_000L, 100L << Math.min(attempt, 8));
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private <T> T call(InstanceMigration m, String action, String region, Supplier<T> call) {
    if (action.startsWith("Describe")) {
      return Ec2Calls.describe(limiter, region, action, call);
    }
    return Ec2Calls.call(m == null ? region : m.instanceId(), action, call);
  }

  /**
   * Every page of a paginated describe, each page taking its own token of the describe bucket.
   *
   * @param page the call for one page, given the previous page's NextToken (null first)
   */
  private <P> List<P> pages(
      String region, String action, Function<String, P> page, Function<P, String> nextToken) {
    List<P> pages = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      P answer = call(null, action, region, () -> page.apply(next));
      pages.add(answer);
      token = nextToken.apply(answer);
    } while (token != null);
    return pages;
  }

  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }
}
