package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether CreateSnapshots can succeed now: AWS allows 5 pending snapshots per volume (1 for st1 and
 * sc1), and a snapshot by AWS Backup, DLM or a script counts too. An instance with a volume at its
 * limit waits, unfrozen, until one completes: a host is never frozen for a call that would be
 * refused with ConcurrentSnapshotLimitExceeded.
 *
 * <p>One look (DescribeSnapshots of the region's pending snapshots, paginated) answers every
 * instance about to freeze in that region for one recheck interval; an instance at the limit looks
 * again after that interval, so never at an answer older than its own wait. A retry after a refused
 * CreateSnapshots drops the region's look ({@link #lookAgain}).
 */
public class PendingSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(PendingSnapshots.class);
  static final int PER_VOLUME = 5;
  static final int PER_THROUGHPUT_HDD = 1;

  /** Pending snapshots per volume of one region, as seen by one look. */
  private record Look(long tookAtNanos, Map<String, Long> pendingPerVolume) {}

  private final Ec2Describes describes;
  private final long recheckMs;
  private final Map<String, Look> looks = new ConcurrentHashMap<>();
  private final Map<String, Object> regionLocks = new ConcurrentHashMap<>();

  public PendingSnapshots(Ec2Describes describes, long recheckMs) {
    this.describes = describes;
    this.recheckMs = recheckMs;
  }

  /** True while a volume of the instance has as many pending snapshots as AWS allows. */
  public boolean atLimit(InstanceMigration m) {
    Map<String, Long> pending = recentLook(m.sourceRegion());
    for (SourceVolume v : m.source().volumes()) {
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

  /** Before a retry of the snapshot step: the next answer comes from a new look. */
  public void lookAgain(InstanceMigration m) {
    looks.remove(m.sourceRegion());
  }

  /** ms until the next look. */
  public long recheckIn() {
    return recheckMs;
  }

  /** The region's look if it is younger than one recheck interval, else a new one. */
  private Map<String, Long> recentLook(String region) {
    synchronized (regionLocks.computeIfAbsent(region, r -> new Object())) {
      Look look = looks.get(region);
      long now = System.nanoTime();
      if (look == null || now - look.tookAtNanos() >= recheckMs * 1_000_000L) {
        look = new Look(now, describes.pendingSnapshotsPerVolume(region));
        looks.put(region, look);
      }
      return look.pendingPerVolume();
    }
  }

  static int limit(String volumeType) {
    return "st1".equals(volumeType) || "sc1".equals(volumeType) ? PER_THROUGHPUT_HDD : PER_VOLUME;
  }
}
