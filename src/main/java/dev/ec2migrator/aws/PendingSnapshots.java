package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether CreateSnapshots can succeed now: AWS allows 5 pending snapshots per volume (1 for st1 and
 * sc1), and a snapshot by AWS Backup, DLM or a script counts too. An instance with a volume at its
 * limit waits, unfrozen, until one completes: a host is never frozen for a call that would be
 * refused with ConcurrentSnapshotLimitExceeded.
 */
public class PendingSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(PendingSnapshots.class);
  static final int PER_VOLUME = 5;
  static final int PER_THROUGHPUT_HDD = 1;

  private final Ec2Gateway gateway;
  private final long recheckMs;

  public PendingSnapshots(Ec2Gateway gateway, long recheckMs) {
    this.gateway = gateway;
    this.recheckMs = recheckMs;
  }

  /** True while a volume of the instance has as many pending snapshots as AWS allows. */
  public boolean atLimit(InstanceMigration m) {
    List<SourceVolume> volumes = m.source().volumes();
    Map<String, Long> pending =
        gateway.pendingSnapshotsPerVolume(
            m, m.sourceRegion(), volumes.stream().map(SourceVolume::volumeId).toList());
    for (SourceVolume v : volumes) {
      long count = pending.getOrDefault(v.volumeId(), 0L);
      if (count >= limit(v.volumeType())) {
        LOG.info(
            "{}: {} has {} pending snapshots (the limit): waiting unfrozen",
            m.instanceId(),
            v.volumeId(),
            count);
        return true;
      }
    }
    return false;
  }

  /** ms until the next look. */
  public long recheckIn() {
    return recheckMs;
  }

  static int limit(String volumeType) {
    return "st1".equals(volumeType) || "sc1".equals(volumeType) ? PER_THROUGHPUT_HDD : PER_VOLUME;
  }
}
