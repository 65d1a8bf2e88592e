package dev.ec2migrator.aws;

import dev.ec2migrator.model.MigrationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * The EC2 calls of the two-phase migration: the snapshots and copies of a sync run found by its tag
 * (no local state), the deletion of superseded ones, and the instances of a wave by their tag.
 */
public class SyncSnapshots {
  private final Ec2Requests requests;
  private final Ec2Describes describes;
  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;

  public SyncSnapshots(
      Ec2Requests requests, Ec2Describes describes, Ec2Clients clients, ApiRateLimiter limiter) {
    this.requests = requests;
    this.describes = describes;
    this.clients = clients;
    this.limiter = limiter;
  }

  /** Every snapshot (or copy) of the sync run in the region, any state; optionally one instance. */
  public List<Snapshot> ofSyncRun(String region, String syncRun, String instanceId) {
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("tag:" + MigrationTags.SYNC_RUN).values(syncRun).build());
    if (instanceId != null) {
      filters.add(
          Filter.builder().name("tag:" + MigrationTags.SOURCE_INSTANCE).values(instanceId).build());
    }
    return describes.snapshots(region, filters);
  }

  /**
   * Deletes one snapshot of the sync run; one already gone counts as deleted. The caller checked
   * the run's tags (IAM's CleanupOnlyTheRunsOwn allows only snapshots tagged migrator:run).
   *
   * @param instanceId the source instance it belongs to, for the error message
   */
  public void delete(String region, String snapshotId, String instanceId) {
    try {
      limiter.acquire(region, ApiAction.DELETE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException(instanceId, "DeleteSnapshot", null, "interrupted", e);
    }
    try {
      Ec2Calls.call(
          instanceId,
          "DeleteSnapshot",
          () -> clients.forRegion(region).deleteSnapshot(r -> r.snapshotId(snapshotId)));
    } catch (Ec2CallException e) {
      if (!"InvalidSnapshot.NotFound".equals(e.code())) {
        throw e;
      }
    }
  }

  /** Of the given instances, those carrying the tag key=value (a wave), in chunks of 200. */
  public Set<String> withTag(
      String region, Collection<String> instanceIds, String key, String value) {
    Set<String> found = new TreeSet<>();
    for (List<String> chunk :
        Ec2Requests.chunks(new ArrayList<>(instanceIds), Ec2Requests.FILTER_VALUES)) {
      DescribeInstancesRequest request =
          DescribeInstancesRequest.builder()
              .filters(
                  Filter.builder().name("instance-id").values(chunk).build(),
                  Filter.builder().name("tag:" + key).values(value).build())
              .build();
      requests
          .describeAll(
              region,
              "DescribeInstances",
              (c, token) -> c.describeInstances(request.toBuilder().nextToken(token).build()),
              r -> r.nextToken(),
              r -> r.reservations())
          .stream()
          .flatMap(r -> r.instances().stream())
          .map(Instance::instanceId)
          .forEach(found::add);
    }
    return found;
  }
}
