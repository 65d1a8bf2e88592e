package dev.ec2migrator.monitor;

import dev.ec2migrator.model.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the console shows of a run's {@link ProgressFigures}: the lines of the live display on a
 * terminal, and the single plain line printed instead when the output is not a terminal.
 */
public final class ProgressView {
  private static final int BAR_WIDTH = 30;

  private ProgressView() {}

  /** The live display: a bar, instances per stage, what is happening now, pace and ETA. */
  public static List<String> lines(ProgressFigures f, int copyLimit) {
    List<String> out = new ArrayList<>();
    long finished = f.finishedInstances();
    out.add(
        String.format(
            Locale.ROOT,
            "run %s  %s %d/%d  %s elapsed, ETA %s",
            f.runId(),
            bar(finished, f.total()),
            finished,
            f.total(),
            ProgressFigures.human(Duration.ofSeconds(f.elapsedSeconds())),
            f.eta()));
    out.add(
        String.format(
            Locale.ROOT,
            "  stages   queued %d  describing %d  quiescing %d  frozen %d  snapshot %d  copying %d"
                + "  image %d  done %d  failed %d",
            f.count(Stage.QUEUED),
            f.count(Stage.DESCRIBING),
            f.count(Stage.QUIESCING),
            f.count(Stage.FROZEN),
            f.count(Stage.SNAPSHOT_PENDING),
            f.count(Stage.COPYING),
            f.count(Stage.REGISTERING),
            f.count(Stage.DONE),
            f.count(Stage.FAILED)));
    out.add(
        String.format(
            Locale.ROOT,
            "  now      %d hosts frozen  %d snapshots pending  %d/%d copies in flight",
            f.frozenNow().size(),
            f.snapshotsPending(),
            f.copiesInFlight(),
            copyLimit));
    out.add(
        String.format(
            Locale.ROOT,
            "  pace     %s  %s  %d EC2 calls (%d throttled)  %d failed",
            instancesPerMinute(f),
            gibPerSecond(f),
            f.apiTotal("calls"),
            f.apiTotal("throttled"),
            f.count(Stage.FAILED)));
    return out;
  }

  /** The plain line for pipes, CI and logs: the progress log's line and the pace. */
  public static String plainLine(ProgressFigures f, int copyLimit) {
    return String.format(
        Locale.ROOT,
        "run %s: %d/%d done, %d frozen, %d snapshots pending, %d/%d copies in flight, %d failed,"
            + " %s, ETA %s",
        f.runId(),
        f.count(Stage.DONE),
        f.total(),
        f.frozenNow().size(),
        f.snapshotsPending(),
        f.copiesInFlight(),
        copyLimit,
        f.count(Stage.FAILED),
        instancesPerMinute(f),
        f.eta());
  }

  static String bar(long done, long total) {
    int filled = total <= 0 ? 0 : (int) (BAR_WIDTH * Math.min(done, total) / total);
    return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
  }

  static String instancesPerMinute(ProgressFigures f) {
    long seconds = Math.max(1, f.elapsedSeconds());
    return String.format(Locale.ROOT, "%.1f instances/min", f.finishedInstances() * 60.0 / seconds);
  }

  static String gibPerSecond(ProgressFigures f) {
    long seconds = Math.max(1, f.elapsedSeconds());
    double gib = f.bytesCopied() / (double) ProgressFigures.GIB;
    return String.format(Locale.ROOT, "%.1f GiB copied (%.1f GiB/s)", gib, gib / seconds);
  }
}
