package dev.ec2migrator.run;

import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.model.InstanceMigration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run's snapshots in the shared tracker: what an earlier attempt of the same run made is loaded
 * (so the run resumes instead of repeating), and a closed run's snapshots are no longer watched.
 */
class RunSnapshots {
  private final SnapshotTracker tracker;

  RunSnapshots(SnapshotTracker tracker) {
    this.tracker = tracker;
  }

  void resume(MigrationRun run) {
    tracker.loadRun(
        run.runId(),
        regions(run, InstanceMigration::sourceRegion),
        regions(run, InstanceMigration::targetRegion));
    run.migrations().stream().filter(m -> m.source() != null).forEach(tracker::resume);
  }

  void finished(MigrationRun run) {
    tracker.runFinished(run.runId(), run.migrations());
  }

  private static Set<String> regions(MigrationRun run, Function<InstanceMigration, String> region) {
    return run.migrations().stream().map(region).collect(Collectors.toCollection(TreeSet::new));
  }
}
