package dev.ec2migrator.monitor;

import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunListener;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's log: a summary when a run starts and when it ends, and (called by the log-progress
 * route every {@code migrator.progress.log-interval}) one line per run in progress.
 */
public class ProgressLog implements RunListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ec2migrator.progress");

  private final ProgressSources sources;

  public ProgressLog(ProgressSources sources) {
    this.sources = sources;
  }

  /** One line per run in progress; nothing when idle. */
  public void logActiveRuns() {
    for (MigrationRun run : sources.runs()) {
      if (!run.isFinished()) {
        LOG.info("{}", figures(run).line());
      }
    }
  }

  @Override
  public void opened(MigrationRun run) {
    long regions =
        run.migrations().stream()
            .map(m -> m.sourceRegion() + ">" + m.targetRegion())
            .distinct()
            .count();
    String pairs =
        String.join(
            ", ",
            run.migrations().stream()
                .map(m -> m.sourceRegion() + " -> " + m.targetRegion())
                .distinct()
                .toList());
    LOG.info(
        "run {} started: {} instances from {}, {} ({} region pair{}); progress MBean {}",
        run.runId(),
        run.migrations().size(),
        run.sourceName(),
        pairs,
        regions,
        regions == 1 ? "" : "s",
        ProgressMBeans.name(run.runId()));
  }

  @Override
  public void closed(MigrationRun run) {
    ProgressFigures f = figures(run);
    long maxFrozen = run.migrations().stream().mapToLong(m -> m.frozenMs()).max().orElse(0);
    LOG.info(
        "run {} finished in {}: {} done, {} failed of {}; {} GiB copied; longest"
            + " freeze {} ms; {} EC2 calls ({} throttled, {} errors); results {}",
        run.runId(),
        ProgressFigures.human(java.time.Duration.ofSeconds(f.elapsedSeconds())),
        f.count(Stage.DONE),
        f.count(Stage.FAILED),
        f.total(),
        String.format(
            java.util.Locale.ROOT, "%.1f", f.bytesCopied() / (double) ProgressFigures.GIB),
        maxFrozen,
        f.apiTotal("calls"),
        f.apiTotal("throttled"),
        f.apiTotal("errors"),
        run.csvFile() == null ? "(none written)" : run.csvFile());
    f.failures().forEach(failure -> LOG.warn("run {} failed: {}", run.runId(), failure));
  }

  private ProgressFigures figures(MigrationRun run) {
    return ProgressFigures.of(run.runId(), List.of(run), sources, false, Instant.now());
  }
}
