package dev.ec2migrator.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * The describes the tracker, the describe step, preflight and cleanup share: the volumes of
 * instances, a run's snapshots and images, pending snapshots. Each is one paginated listing; a list
 * of ids goes in filters of at most {@value Ec2Requests#FILTER_VALUES} values.
 */
public class Ec2Describes {
  private final Ec2Requests requests;

  public Ec2Describes(Ec2Requests requests) {
    this.requests = requests;
  }

  /** Volumes attached to the given instances, keyed by instance id. */
  public Map<String, List<Volume>> describeVolumes(String region, Collection<String> instanceIds) {
    Map<String, List<Volume>> byInstance = new HashMap<>();
    for (List<String> chunk :
        Ec2Requests.chunks(new ArrayList<>(instanceIds), Ec2Requests.FILTER_VALUES)) {
      DescribeVolumesRequest request =
          DescribeVolumesRequest.builder()
              .filters(filter("attachment.instance-id", chunk))
              .maxResults(500)
              .build();
      for (Volume v :
          requests.describeAll(
              region,
              "DescribeVolumes",
              (client, next) -> client.describeVolumes(request.toBuilder().nextToken(next).build()),
              DescribeVolumesResponse::nextToken,
              DescribeVolumesResponse::volumes)) {
        for (VolumeAttachment a : v.attachments()) {
          byInstance.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(v);
        }
      }
    }
    return byInstance;
  }

  /** Every snapshot of the given runs in a region with the given states (all states if empty). */
  public List<Snapshot> describeRunSnapshots(
      String region, Collection<String> runIds, List<SnapshotState> states) {
    List<Filter> filters = new ArrayList<>();
    filters.add(filter("tag:" + MigrationTags.RUN, runIds));
    if (!states.isEmpty()) {
      filters.add(filter("status", states.stream().map(SnapshotState::toString).toList()));
    }
    return snapshots(region, filters);
  }

  /** Snapshots of one instance in one run. */
  public List<Snapshot> describeInstanceSnapshots(String region, String runId, String instanceId) {
    return snapshots(
        region,
        List.of(
            filter("tag:" + MigrationTags.RUN, List.of(runId)),
            filter("tag:" + MigrationTags.SOURCE_INSTANCE, List.of(instanceId))));
  }

  /** How many snapshots of each volume of the region are pending right now (any tool's). */
  public Map<String, Long> pendingSnapshotsPerVolume(String region) {
    Map<String, Long> pending = new HashMap<>();
    for (Snapshot snapshot :
        snapshots(region, List.of(filter("status", List.of(SnapshotState.PENDING.toString()))))) {
      pending.merge(snapshot.volumeId(), 1L, Long::sum);
    }
    return pending;
  }

  /** The given snapshots' current state, by id filter (an id filter never fails on unknown ids). */
  public List<Snapshot> describeSnapshotsById(String region, List<String> snapshotIds) {
    List<Snapshot> all = new ArrayList<>();
    for (List<String> chunk : Ec2Requests.chunks(snapshotIds, Ec2Requests.FILTER_VALUES)) {
      all.addAll(snapshots(region, List.of(filter("snapshot-id", chunk))));
    }
    return all;
  }

  /** Images this run registered in a region (their names carry the run id). */
  public List<Image> describeRunImages(String region, String runId) {
    return images(region, filter("name", List.of(MigrationTags.imageNamePrefix(runId) + "*")));
  }

  /** Images tagged with the run in a region, however they were made. */
  public List<Image> describeRunTaggedImages(String region, String runId) {
    return images(region, filter("tag:" + MigrationTags.RUN, List.of(runId)));
  }

  private List<Image> images(String region, Filter filter) {
    return requests.describe(
        region,
        "DescribeImages",
        client -> client.describeImages(r -> r.owners("self").filters(filter)).images());
  }

  /** Every snapshot of this account in the region matching the filters, paginated. */
  public List<Snapshot> snapshots(String region, List<Filter> filters) {
    DescribeSnapshotsRequest request =
        DescribeSnapshotsRequest.builder()
            .ownerIds("self")
            .filters(filters)
            .maxResults(1000)
            .build();
    return requests.describeAll(
        region,
        "DescribeSnapshots",
        (client, next) -> client.describeSnapshots(request.toBuilder().nextToken(next).build()),
        DescribeSnapshotsResponse::nextToken,
        DescribeSnapshotsResponse::snapshots);
  }

  private static Filter filter(String name, Collection<String> values) {
    return Filter.builder().name(name).values(values).build();
  }
}
