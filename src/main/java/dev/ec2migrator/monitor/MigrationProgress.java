package dev.ec2migrator.monitor;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MBean of one run (followed by id, so a resumed run shows its latest attempt) or of all runs.
 * Figures are computed on read and kept for a moment, so one Jolokia read of every attribute sees
 * one consistent picture. Over 250 lines only because it has one small getter per attribute.
 */
public class MigrationProgress implements MigrationProgressMXBean {
  static final String ALL = "all";
  private static final long CACHE_MS = 250;

  private final String runId;
  private final ProgressSources sources;
  private volatile ProgressFigures cached;
  private volatile long cachedAt;
  private volatile Downtimes cachedDowntimes;
  private volatile long downtimesAt;

  /**
   * @param runId a run id, or {@code all}
   */
  public MigrationProgress(String runId, ProgressSources sources) {
    this.runId = runId;
    this.sources = sources;
  }

  ProgressFigures figures() {
    long now = System.currentTimeMillis();
    ProgressFigures f = cached;
    if (f == null || now - cachedAt > CACHE_MS) {
      f = compute(runId, sources);
      cached = f;
      cachedAt = now;
    }
    return f;
  }

  static ProgressFigures compute(String runId, ProgressSources sources) {
    return ProgressFigures.of(
        runId, runs(runId, sources), sources, ALL.equals(runId), Instant.now());
  }

  private static List<MigrationRun> runs(String runId, ProgressSources sources) {
    if (ALL.equals(runId)) {
      return sources.runs();
    }
    MigrationRun run = sources.registry().run(runId);
    return run == null ? List.of() : List.of(run);
  }

  /** The cutover figures, computed on read like the rest (kept for the same moment). */
  private Downtimes downtimes() {
    long now = System.currentTimeMillis();
    Downtimes d = cachedDowntimes;
    if (d == null || now - downtimesAt > CACHE_MS) {
      d =
          Downtimes.of(
              runs(runId, sources).stream().flatMap(r -> r.migrations().stream()).toList());
      cachedDowntimes = d;
      downtimesAt = now;
    }
    return d;
  }

  @Override
  public long getHostsDownNow() {
    return downtimes().downNow();
  }

  @Override
  public long getDowntimeP50Ms() {
    return downtimes().p50Ms();
  }

  @Override
  public long getDowntimeP99Ms() {
    return downtimes().p99Ms();
  }

  @Override
  public long getDowntimeMaxMs() {
    return downtimes().maxMs();
  }

  @Override
  public Map<String, Long> getDowntimeMs() {
    return downtimes().perHostMs();
  }

  @Override
  public String getRunId() {
    return runId;
  }

  @Override
  public String getSourceFile() {
    return figures().sourceFile();
  }

  @Override
  public String getStarted() {
    return text(figures().startedAt());
  }

  @Override
  public String getFinished() {
    return text(figures().finishedAt());
  }

  @Override
  public String getState() {
    ProgressFigures f = figures();
    if (f.startedAt() == null) {
      return "idle";
    }
    return f.finished() ? "finished" : "running";
  }

  @Override
  public long getElapsedSeconds() {
    return figures().elapsedSeconds();
  }

  @Override
  public long getInstancesTotal() {
    return figures().total();
  }

  @Override
  public long getQueued() {
    return figures().count(Stage.QUEUED);
  }

  @Override
  public long getDescribing() {
    return figures().count(Stage.DESCRIBING);
  }

  @Override
  public long getQuiescing() {
    return figures().count(Stage.QUIESCING);
  }

  @Override
  public long getFrozen() {
    return figures().count(Stage.FROZEN);
  }

  @Override
  public long getSnapshotPending() {
    return figures().count(Stage.SNAPSHOT_PENDING);
  }

  @Override
  public long getCopying() {
    return figures().count(Stage.COPYING);
  }

  @Override
  public long getRegistering() {
    return figures().count(Stage.REGISTERING);
  }

  @Override
  public long getDone() {
    return figures().count(Stage.DONE);
  }

  @Override
  public long getFailed() {
    return figures().count(Stage.FAILED);
  }

  @Override
  public Map<String, Long> getInstancesPerStage() {
    Map<String, Long> out = new LinkedHashMap<>();
    figures().perStage().forEach((stage, n) -> out.put(stage.name(), n));
    return out;
  }

  @Override
  public long getFrozenNow() {
    return figures().frozenNow().size();
  }

  @Override
  public Map<String, Long> getFrozenNowMs() {
    Map<String, Long> out = new TreeMap<>();
    figures().frozenNow().forEach(h -> out.put(h.instanceId(), h.frozenMs()));
    return out;
  }

  @Override
  public String[] getFrozenHosts() {
    return figures().frozenNow().stream()
        .map(h -> h.instanceId() + " frozen since " + h.since() + " (" + h.frozenMs() + " ms)")
        .toArray(String[]::new);
  }

  @Override
  public long getSnapshotsPending() {
    return figures().snapshotsPending();
  }

  @Override
  public long getCopiesInFlight() {
    return figures().copiesInFlight();
  }

  @Override
  public long getBytesCopied() {
    return figures().bytesCopied();
  }

  @Override
  public long getBytesToCopy() {
    return figures().bytesToCopy();
  }

  @Override
  public long getApiCalls() {
    return figures().apiTotal("calls");
  }

  @Override
  public long getApiThrottled() {
    return figures().apiTotal("throttled");
  }

  @Override
  public long getApiErrors() {
    return figures().apiTotal("errors");
  }

  @Override
  public Map<String, Long> getApiCallsPerAction() {
    return figures().apiPerAction("calls");
  }

  @Override
  public Map<String, Long> getApiThrottledPerAction() {
    return figures().apiPerAction("throttled");
  }

  @Override
  public Map<String, Long> getApiErrorsPerAction() {
    return figures().apiPerAction("errors");
  }

  @Override
  public String[] getFailures() {
    return figures().failures().stream().map(Object::toString).toArray(String[]::new);
  }

  @Override
  public long getEtaSeconds() {
    return figures().etaSeconds();
  }

  @Override
  public String getEta() {
    return figures().eta();
  }

  @Override
  public String getEstimatedEnd() {
    ProgressFigures f = figures();
    if (f.finished()) {
      return text(f.finishedAt());
    }
    return f.etaSeconds() < 0 ? "" : text(f.now().plusSeconds(f.etaSeconds()));
  }

  @Override
  public String getProgressLine() {
    return figures().line();
  }

  @Override
  public String instanceTable() {
    List<MigrationRun> runs =
        ALL.equals(runId)
            ? sources.runs()
            : sources.registry().run(runId) == null
                ? List.of()
                : List.of(sources.registry().run(runId));
    return table(runs, Instant.now());
  }

  static String table(List<MigrationRun> runs, Instant now) {
    String format = "%-24s %-21s %-25s %-12s %7s %6s %6s %-23s %s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            format,
            "run",
            "instance",
            "region",
            "stage",
            "frozen",
            "snaps",
            "copies",
            "image",
            "error"));
    for (MigrationRun run : runs) {
      for (InstanceMigration m : run.migrations()) {
        long frozenMs = m.frozenMs();
        Instant since = m.frozenSince();
        String frozen =
            since != null
                ? (frozenMs + now.toEpochMilli() - since.toEpochMilli()) + "ms*"
                : frozenMs + "ms";
        String error = m.error() == null ? "" : m.error().replaceAll("[\\r\\n]+", " ");
        out.append(
            String.format(
                format,
                run.runId(),
                m.instanceId(),
                m.sourceRegion() + ">" + m.targetRegion(),
                m.stage(),
                frozen,
                m.sourceSnapshots().size(),
                m.targetSnapshots().size(),
                m.imageId() == null ? "" : m.imageId(),
                error));
      }
    }
    return out.toString();
  }

  private static String text(Instant at) {
    return at == null ? "" : at.toString();
  }
}
