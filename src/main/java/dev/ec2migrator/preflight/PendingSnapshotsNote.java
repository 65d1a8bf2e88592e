package dev.ec2migrator.preflight;

import dev.ec2migrator.aws.PendingSnapshots;
import dev.ec2migrator.model.InstanceMigration;
import java.util.List;

/**
 * A volume at its pending-snapshot limit (5, 1 for st1/sc1; AWS Backup counts too) is no reason to
 * refuse: the run waits, unfrozen, until one completes. The preflight notes it.
 */
public class PendingSnapshotsNote implements PreflightCheck {
  static final String NOTE =
      "a volume has as many pending snapshots as AWS allows: will wait unfrozen until one completes";

  private final PendingSnapshots pendingSnapshots;

  public PendingSnapshotsNote(PendingSnapshots pendingSnapshots) {
    this.pendingSnapshots = pendingSnapshots;
  }

  @Override
  public String name() {
    return "pending-snapshots";
  }

  @Override
  public List<String> findings(InstanceMigration m) {
    if (m.needsSnapshots() && pendingSnapshots.atLimit(m)) {
      m.warn(NOTE);
    }
    return List.of();
  }
}
