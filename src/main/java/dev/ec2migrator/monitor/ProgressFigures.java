package dev.ec2migrator.monitor;

import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * The progress of one run, or of several together, at one moment: what the MBean, the metrics and
 * the progress log show.
 *
 * <p>Over 250 lines on purpose: the figures are taken together from the runs, the tracker and the
 * call counter ({@link #of}) so that every view reads one consistent moment; the small accessors
 * derive from those same fields.
 */
public record ProgressFigures(
    String runId,
    String sourceFile,
    Instant now,
    Instant startedAt,
    Instant finishedAt,
    long total,
    Map<Stage, Long> perStage,
    List<FrozenHost> frozenNow,
    long snapshotsPending,
    long copiesInFlight,
    long bytesCopied,
    long bytesToCopy,
    List<Failure> failures,
    Map<String, Long> apiCalls,
    long etaSeconds) {

  public static final long GIB = 1L << 30;

  /** A host quiesced right now, and since when. */
  public record FrozenHost(String instanceId, Instant since, long frozenMs) {}

  /** A failed instance, when and why. */
  public record Failure(String instanceId, Instant at, String reason) {
    @Override
    public String toString() {
      String text = reason == null ? "failed" : reason;
      if (!text.startsWith(instanceId)) {
        text = instanceId + ": " + text;
      }
      return (at == null ? "" : at + " ") + text;
    }
  }

  public long count(Stage stage) {
    return perStage.getOrDefault(stage, 0L);
  }

  /** Instances that will not move any more: done or failed. */
  public long finishedInstances() {
    return count(Stage.DONE) + count(Stage.FAILED);
  }

  public boolean finished() {
    return finishedAt != null;
  }

  /** Sum over regions and actions of one kind: calls, throttled or errors. */
  public long apiTotal(String kind) {
    return apiCalls.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + kind))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The calls of one kind per "region/action". */
  public Map<String, Long> apiPerAction(String kind) {
    Map<String, Long> out = new java.util.TreeMap<>();
    apiCalls.forEach(
        (key, value) -> {
          if (key.endsWith("/" + kind)) {
            out.put(key.substring(0, key.length() - kind.length() - 1), value);
          }
        });
    return out;
  }

  /** "4m", "1h20m", "12s", "done" or "unknown". */
  public String eta() {
    if (etaSeconds == 0) {
      return "done";
    }
    return etaSeconds < 0 ? "unknown" : human(Duration.ofSeconds(etaSeconds));
  }

  public long elapsedSeconds() {
    if (startedAt == null) {
      return 0;
    }
    return Duration.between(startedAt, finishedAt != null ? finishedAt : now).toSeconds();
  }

  /** The progress log's line. */
  public String line() {
    return "run "
        + runId
        + ": "
        + count(Stage.DONE)
        + "/"
        + total
        + " done, "
        + frozenNow.size()
        + " frozen, "
        + snapshotsPending
        + " snapshots pending, "
        + copiesInFlight
        + " copies in flight, "
        + count(Stage.FAILED)
        + " failed, ETA "
        + eta();
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s + 30) / 60 + "m";
    }
    long m = (s + 30) / 60;
    return m / 60 + "h" + (m % 60 == 0 ? "" : m % 60 + "m");
  }

  /** Figures of the given runs together; {@code label} names them ("all" or the run id). */
  public static ProgressFigures of(
      String label,
      Collection<MigrationRun> runs,
      ProgressSources sources,
      boolean allRuns,
      Instant now) {
    SnapshotTracker tracker = sources.tracker();
    Map<Stage, Long> perStage = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      perStage.put(s, 0L);
    }
    List<FrozenHost> frozen = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    long total = 0;
    long pending = 0;
    long inFlight = 0;
    long copied = 0;
    long toCopy = 0;
    Instant started = null;
    Instant finished = null;
    boolean allFinished = !runs.isEmpty();
    long eta = 0; // the latest end of the runs in progress, each at its own pace
    List<String> files = new ArrayList<>();
    for (MigrationRun run : runs) {
      files.add(run.sourceName());
      started = min(started, run.startedAt());
      if (run.isFinished()) {
        finished =
            finished == null || run.finishedAt().isAfter(finished) ? run.finishedAt() : finished;
      } else {
        allFinished = false;
      }
      Map<Stage, Long> runStages = new EnumMap<>(Stage.class);
      Instant runFirst = null;
      for (InstanceMigration m : run.migrations()) {
        total++;
        Stage stage = m.stage();
        perStage.merge(stage, 1L, Long::sum);
        runStages.merge(stage, 1L, Long::sum);
        runFirst = min(runFirst, m.startedAt());
        Instant since = m.frozenSince();
        if (since != null) {
          frozen.add(
              new FrozenHost(
                  m.instanceId(), since, Math.max(0, now.toEpochMilli() - since.toEpochMilli())));
        }
        if (stage == Stage.FAILED) {
          failures.add(new Failure(m.instanceId(), m.finishedAt(), m.error()));
        }
        if (!stage.ended()) {
          pending += pendingOf(tracker, m.sourceSnapshots().values());
          pending += pendingOf(tracker, m.targetSnapshots().values());
        }
        inFlight += m.copySlotsHeld().get();
        if (m.source() != null) {
          for (SourceVolume v : m.source().volumes()) {
            long size = v.sizeGib() * GIB;
            toCopy += size;
            copied += copiedOf(tracker, m, v, size);
          }
        }
      }
      if (!run.isFinished() && eta >= 0) {
        long runEta =
            eta(
                run.migrations().size(),
                runStages,
                runFirst != null ? runFirst : run.startedAt(),
                now);
        eta = runEta < 0 ? -1 : Math.max(eta, runEta);
      }
    }
    if (runs.isEmpty()) {
      eta = -1;
    }
    return new ProgressFigures(
        label,
        String.join(",", files),
        now,
        started,
        allFinished ? finished : null,
        total,
        perStage,
        List.copyOf(frozen),
        pending,
        inFlight,
        copied,
        toCopy,
        List.copyOf(failures),
        sources.apiCalls(runs, allRuns),
        allFinished ? 0 : eta);
  }

  private static long pendingOf(SnapshotTracker tracker, Collection<String> ids) {
    long n = 0;
    for (String id : List.copyOf(ids)) {
      SnapshotTracker.Seen s = tracker.seen(id);
      if (s == null || s.state() == SnapshotState.PENDING) {
        n++;
      }
    }
    return n;
  }

  /** Bytes of the volume copied to the target region so far, from the copy's progress. */
  private static long copiedOf(
      SnapshotTracker tracker, InstanceMigration m, SourceVolume v, long size) {
    String copyId = m.targetSnapshots().get(v.volumeId());
    if (copyId == null) {
      return 0;
    }
    SnapshotTracker.Seen s = tracker.seen(copyId);
    if (m.stage() == Stage.DONE || (s != null && s.state() == SnapshotState.COMPLETED)) {
      return size;
    }
    if (s == null || s.progress() == null) {
      return 0;
    }
    if (s.sizeGib() > 0) {
      size = s.sizeGib() * GIB; // the copy's own size, as EC2 reports it
    }
    try {
      double pct = Double.parseDouble(s.progress().replace("%", "").strip());
      return (long) (size * Math.max(0, Math.min(100, pct)) / 100.0);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Seconds left at the pace so far (instances finished per second); -1 before the first one. */
  private static long eta(long total, Map<Stage, Long> perStage, Instant begin, Instant now) {
    long done = perStage.getOrDefault(Stage.DONE, 0L) + perStage.getOrDefault(Stage.FAILED, 0L);
    if (total > 0 && done >= total) {
      return 0;
    }
    if (done == 0 || begin == null) {
      return -1;
    }
    double elapsed = Math.max(1, now.toEpochMilli() - begin.toEpochMilli()) / 1000.0;
    return (long) Math.ceil((total - done) * elapsed / done);
  }

  private static Instant min(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
