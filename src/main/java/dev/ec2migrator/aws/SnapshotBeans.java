package dev.ec2migrator.aws;

import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Snapshots and copies: the one poller of their states, the copy slots, the pending limit. */
public class SnapshotBeans implements CamelConfiguration {

  @BindToRegistry("snapshotTracker")
  public SnapshotTracker snapshotTracker(
      Ec2Describes describes,
      @PropertyInject("migrator.snapshot.timeout") Duration snapshotTimeout,
      @PropertyInject("migrator.copy.timeout") Duration copyTimeout,
      @PropertyInject("migrator.poll.interval") long pollIntervalMs) {
    return new SnapshotTracker(describes, snapshotTimeout, copyTimeout, pollIntervalMs);
  }

  @BindToRegistry("copySlots")
  public CopySlots copySlots(
      @PropertyInject("migrator.copy.max-in-flight") int maxInFlight,
      SnapshotTracker tracker,
      @PropertyInject("migrator.copy.slot-wait") long slotWaitMs) {
    return new CopySlots(maxInFlight, tracker, slotWaitMs);
  }

  @BindToRegistry("pendingSnapshots")
  public PendingSnapshots pendingSnapshots(
      Ec2Describes describes,
      @PropertyInject("migrator.quiesce.pending-snapshot-recheck") long recheckMs) {
    return new PendingSnapshots(describes, recheckMs);
  }
}
