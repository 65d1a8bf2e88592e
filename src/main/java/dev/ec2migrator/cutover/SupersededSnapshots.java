package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.aws.SyncSnapshots;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.model.SyncLineage;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * Deletes an instance's superseded intermediate snapshots once its newer pass is copied. AWS makes
 * a copy incremental when the destination still holds the copy of the volume's previous snapshot
 * (same key), so per volume the newest pair (source snapshot and its copy) is kept until a newer
 * copy is completed; only then are the older warm pairs deleted. Only what carries this sync run's
 * tags, an older pass than the one just copied, and no pending state is ever deleted; a cutover's
 * own snapshots (phase cutover: its image uses them) never are. A deletion that fails is a warning
 * on the row, never a failure of a host whose copies are made.
 */
public class SupersededSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(SupersededSnapshots.class);

  private final SyncSnapshots snapshots;

  public SupersededSnapshots(SyncSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  public void delete(Exchange exchange) {
    delete(InstanceMigration.of(exchange));
  }

  /** Returns how many snapshots and copies were deleted. */
  public int delete(InstanceMigration m) {
    SyncLineage lineage = m.lineage();
    if (lineage == null) {
      return 0;
    }
    try {
      List<Snapshot> copies =
          snapshots.ofSyncRun(m.targetRegion(), lineage.syncRun(), m.instanceId());
      List<Snapshot> sources =
          snapshots.ofSyncRun(m.sourceRegion(), lineage.syncRun(), m.instanceId());
      int deleted = 0;
      for (SourceVolume v : m.source().volumes()) {
        if (!newestCopyCompleted(copies, v, m.targetSnapshots().get(v.volumeId()))) {
          continue; // nothing is deleted before the newer copy is complete
        }
        for (Snapshot c : copies) {
          if (v.volumeId().equals(PassNumbers.tag(c, MigrationTags.SOURCE_VOLUME))
              && superseded(c, lineage)) {
            snapshots.delete(m.targetRegion(), c.snapshotId(), m.instanceId());
            deleted++;
          }
        }
        for (Snapshot s : sources) {
          if (v.volumeId().equals(s.volumeId())
              && PassNumbers.tag(s, MigrationTags.SOURCE_VOLUME).isEmpty()
              && superseded(s, lineage)) {
            snapshots.delete(m.sourceRegion(), s.snapshotId(), m.instanceId());
            deleted++;
          }
        }
      }
      if (deleted > 0) {
        LOG.info(
            "{}: {} superseded snapshot(s) and copies of sync run {} deleted (pass {} kept)",
            m.instanceId(),
            deleted,
            lineage.syncRun(),
            lineage.pass());
      }
      return deleted;
    } catch (MigrationException e) {
      m.warn("superseded snapshots not deleted: " + e.getMessage());
      LOG.warn("{}: superseded snapshots not deleted: {}", m.instanceId(), e.getMessage());
      return 0;
    }
  }

  /** The copy this pass made of the volume is listed completed, with this run's tags. */
  private static boolean newestCopyCompleted(List<Snapshot> copies, SourceVolume v, String copyId) {
    return copyId != null
        && copies.stream()
            .anyMatch(
                c ->
                    c.snapshotId().equals(copyId)
                        && c.state() == SnapshotState.COMPLETED
                        && v.volumeId().equals(PassNumbers.tag(c, MigrationTags.SOURCE_VOLUME)));
  }

  /** An older warm pass of this sync run, not pending (a pending one may be a copy's source). */
  private static boolean superseded(Snapshot s, SyncLineage lineage) {
    Map<String, String> tags = PassNumbers.tags(s);
    return lineage.syncRun().equals(tags.get(MigrationTags.SYNC_RUN))
        && tags.containsKey(MigrationTags.RUN)
        && SyncLineage.SYNC.equals(tags.get(MigrationTags.PHASE))
        && PassNumbers.pass(s) > 0
        && PassNumbers.pass(s) < lineage.pass()
        && s.state() != SnapshotState.PENDING;
  }
}
