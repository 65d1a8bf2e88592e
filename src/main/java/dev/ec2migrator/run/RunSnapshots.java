package dev.ec2migrator.run;

import dev.ec2migrator.aws.SnapshotTracker;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

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
        run.runId(), regions(run, m -> m.sourceRegion()), regions(run, m -> m.targetRegion()));
    run.migrations().stream().filter(m -> m.source() != null).forEach(tracker::resume);
  }

  void finished(MigrationRun run) {
    tracker.runFinished(run.runId(), run.migrations());
  }

  private static Set<String> regions(
      MigrationRun run, Function<dev.ec2migrator.model.InstanceMigration, String> region) {
    Set<String> regions = new TreeSet<>();
    run.migrations().forEach(m -> regions.add(region.apply(m)));
    return regions;
  }
}
