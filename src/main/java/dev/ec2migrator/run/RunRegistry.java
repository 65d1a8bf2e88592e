package dev.ec2migrator.run;

import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InstanceListParser;
import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of this process (for progress and resume): the steps of the migrate-run route open a
 * run, resume it, record its outputs and close it here.
 */
public class RunRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RunRegistry.class);

  private final RunSnapshots snapshots;
  private final String defaultSourceRegion;
  private final String defaultTargetRegion;
  private final Map<String, MigrationRun> runs = new ConcurrentHashMap<>();
  private final RunListeners listeners = new RunListeners();

  public RunRegistry(
      SnapshotTracker tracker, String defaultSourceRegion, String defaultTargetRegion) {
    this.snapshots = new RunSnapshots(tracker);
    this.defaultSourceRegion = defaultSourceRegion;
    this.defaultTargetRegion = defaultTargetRegion;
  }

  /**
   * Creates the run of a list validated whole ({@link InstanceListParser}: nothing touched AWS).
   */
  public MigrationRun open(InstanceList list) {
    MigrationRun running = runs.get(list.runId());
    if (running != null && !running.isFinished()) {
      throw new RunInProgressException(list.runId());
    }
    MigrationRun run = MigrationRun.of(list, defaultSourceRegion, defaultTargetRegion);
    runs.put(run.runId(), run);
    LOG.info(
        "Run {}: {} instances from {}", run.runId(), run.migrations().size(), list.sourceName());
    listeners.opened(run);
    return run;
  }

  /**
   * Loads what an earlier attempt of the same run made, so the run resumes instead of repeating.
   */
  public void resume(MigrationRun run) {
    snapshots.resume(run);
  }

  public void close(MigrationRun run) {
    run.finished();
    snapshots.finished(run);
    listeners.closed(run);
  }

  /**
   * A run that failed as a whole (past the retries, reported by the bad-input handler) ends here,
   * so the same list dropped again resumes instead of being "already in progress". No instance is
   * in flight then: every instance failure is handled inside the instance's own route.
   */
  public void abandon(MigrationRun run) {
    if (run != null && !run.isFinished()) {
      close(run);
    }
  }

  public void addListener(RunListener listener) {
    listeners.add(listener);
  }

  /** Records the CSV and hands it on (as a File) to the templating route. */
  public File csvWritten(MigrationRun run, String file) {
    run.csvWritten(Path.of(file));
    return new File(file);
  }

  public void templatesWritten(MigrationRun run, List<?> files) {
    run.templatesWritten(files);
  }

  public Collection<MigrationRun> runs() {
    return runs.values();
  }

  public MigrationRun run(String runId) {
    return runs.get(runId);
  }
}
