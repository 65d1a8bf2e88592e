package dev.ec2migrator.aws;

import dev.ec2migrator.image.ImageShape;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceVolume;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
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
 * and the AWS error code.
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
      String token = null;
      do {
        String next = token;
        var page =
            call(
                null,
                "DescribeVolumes",
                region,
                () -> client(region).describeVolumes(request.toBuilder().nextToken(next).build()));
        for (Volume v : page.volumes()) {
          for (VolumeAttachment a : v.attachments()) {
            byInstance.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(v);
          }
        }
        token = page.nextToken();
      } while (token != null);
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
    Map<String, Long> pending = new java.util.HashMap<>();
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
    List<Snapshot> all = new ArrayList<>();
    DescribeSnapshotsRequest request =
        DescribeSnapshotsRequest.builder()
            .ownerIds("self")
            .filters(filters)
            .maxResults(1000)
            .build();
    String token = null;
    do {
      String next = token;
      DescribeSnapshotsResponse page =
          call(
              null,
              "DescribeSnapshots",
              region,
              () -> client(region).describeSnapshots(request.toBuilder().nextToken(next).build()));
      all.addAll(page.snapshots());
      token = page.nextToken();
    } while (token != null);
    return all;
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
      try {
        limiter.acquire(region, ApiAction.DESCRIBE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MigrationException(m == null ? "-" : m.instanceId(), action, null, "interrupted");
      }
    }
    try {
      return call.get();
    } catch (AwsServiceException e) {
      String id = m == null ? "-" : m.instanceId();
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("ResourceLimitExceeded".equals(code) || "ConcurrentSnapshotLimitExceeded".equals(code)) {
        throw new ResourceLimitException(id, action, e);
      }
      throw new Ec2CallException(id, action, e);
    } catch (SdkClientException e) {
      if (!RetryRule.network(e)) {
        throw e;
      }
      throw new Ec2CallException(m == null ? "-" : m.instanceId(), action, e);
    }
  }

  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }
}
