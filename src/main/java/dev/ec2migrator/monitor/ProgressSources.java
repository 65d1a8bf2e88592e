package dev.ec2migrator.monitor;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunListener;
import dev.ec2migrator.run.RunRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the progress figures are computed from: the runs, the snapshot tracker and the EC2 call
 * counter. The counter is process-wide, so a run's calls are the counter's growth from the run's
 * opening to its closing (exact when runs do not overlap).
 */
public class ProgressSources implements RunListener {
  private final RunRegistry registry;
  private final SnapshotTracker tracker;
  private final ApiCallCounter counter;
  private final Map<String, Map<String, Long>> apiAtOpen = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> apiAtClose = new ConcurrentHashMap<>();

  public ProgressSources(RunRegistry registry, SnapshotTracker tracker, ApiCallCounter counter) {
    this.registry = registry;
    this.tracker = tracker;
    this.counter = counter;
  }

  @Override
  public void opened(MigrationRun run) {
    apiAtOpen.put(run.runId(), counter.snapshot());
    apiAtClose.remove(run.runId());
  }

  @Override
  public void closed(MigrationRun run) {
    apiAtClose.put(run.runId(), counter.snapshot());
  }

  public RunRegistry registry() {
    return registry;
  }

  public SnapshotTracker tracker() {
    return tracker;
  }

  /** Every run this process knows, oldest first. */
  public List<MigrationRun> runs() {
    return registry.runs().stream()
        .sorted(java.util.Comparator.comparing(MigrationRun::startedAt))
        .toList();
  }

  /** The runs' calls as "region/action/kind" to count; the process total for several runs. */
  public Map<String, Long> apiCalls(Collection<MigrationRun> runs, boolean allRuns) {
    Map<String, Long> now = counter.snapshot();
    if (allRuns) {
      return now;
    }
    Map<String, Long> out = new TreeMap<>();
    for (MigrationRun run : runs) {
      Map<String, Long> start = apiAtOpen.getOrDefault(run.runId(), Map.of());
      Map<String, Long> end = apiAtClose.getOrDefault(run.runId(), now);
      end.forEach(
          (key, value) -> {
            long delta = value - start.getOrDefault(key, 0L);
            if (delta > 0) {
              out.merge(key, delta, Long::sum);
            }
          });
    }
    return out;
  }
}
