package dev.ec2migrator.run;

import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.model.InstanceMigration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and finishes runs; knows every run of this process (for progress and resume). */
public class RunRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RunRegistry.class);

  /** Told when a run opens and when it closes (monitoring); must not throw. */
  public interface Listener {
    default void opened(MigrationRun run) {}

    default void closed(MigrationRun run) {}
  }

  private final InstanceListParser parser;
  private final SnapshotTracker tracker;
  private final String defaultSourceRegion;
  private final String defaultTargetRegion;
  private final Map<String, MigrationRun> runs = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public RunRegistry(
      InstanceListParser parser,
      SnapshotTracker tracker,
      String defaultSourceRegion,
      String defaultTargetRegion) {
    this.parser = parser;
    this.tracker = tracker;
    this.defaultSourceRegion = defaultSourceRegion;
    this.defaultTargetRegion = defaultTargetRegion;
  }

  /** Validates the whole list (nothing touches AWS before it passes) and creates the run. */
  public MigrationRun open(byte[] content, String sourceName, String runId) {
    InstanceList list = parser.parse(content, sourceName, runId);
    MigrationRun running = runs.get(list.runId());
    if (running != null && !running.isFinished()) {
      throw new RunInProgressException(list.runId());
    }
    List<InstanceMigration> migrations = new ArrayList<>();
    for (InstanceEntry entry : list.entries()) {
      migrations.add(
          new InstanceMigration(
              list.runId(),
              entry,
              entry.sourceRegion() != null ? entry.sourceRegion() : defaultSourceRegion,
              entry.targetRegion() != null ? entry.targetRegion() : defaultTargetRegion));
    }
    MigrationRun run = new MigrationRun(list, migrations);
    runs.put(run.runId(), run);
    LOG.info("Run {}: {} instances from {}", run.runId(), migrations.size(), sourceName);
    tell(l -> l.opened(run));
    return run;
  }

  /**
   * Loads what an earlier attempt of the same run made, so the run resumes instead of repeating.
   */
  public void resume(MigrationRun run) {
    tracker.loadRun(run.runId(), regions(run, true), regions(run, false));
    run.migrations().stream().filter(m -> m.source() != null).forEach(tracker::resume);
  }

  public void close(MigrationRun run) {
    run.finished();
    tracker.runFinished(run.runId(), run.migrations());
    tell(l -> l.closed(run));
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

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  private void tell(java.util.function.Consumer<Listener> event) {
    for (Listener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("Run listener {} failed: {}", listener, e.toString());
      }
    }
  }

  /** Records the CSV and hands it on (as a File) to the templating route. */
  public java.io.File csvWritten(MigrationRun run, String file) {
    run.csvWritten(java.nio.file.Path.of(file));
    return new java.io.File(file);
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

  private static Set<String> regions(MigrationRun run, boolean source) {
    Set<String> regions = new TreeSet<>();
    run.migrations().forEach(m -> regions.add(source ? m.sourceRegion() : m.targetRegion()));
    return regions;
  }
}
