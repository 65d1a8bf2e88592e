package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the copy slots were used, from the simulator's own records: the time slots sat idle while a
 * completed snapshot waited for its copy. Each such slot-second is the migrator's (or the
 * harness's) doing, not AWS's: the hand-over from a poll to the next CopySnapshot, and any delay of
 * a harness short of CPU. Divided by the slots it is the run time lost to them, the part of
 * (makespan - lower bound) that the copy-slot bound does not explain.
 *
 * @param idleSlotSecondsWhileWaiting real slot-seconds free while a copy could have started
 * @param copies copies seen in the target region
 * @param firstReadySeconds when the first snapshot completed, from the run's start
 * @param firstCopySeconds when the first copy started
 * @param lastCopyEndSeconds when the last copy completed
 */
public record CopySlotUse(
    double idleSlotSecondsWhileWaiting,
    int copies,
    double firstReadySeconds,
    double firstCopySeconds,
    double lastCopyEndSeconds) {

  /** The run time the idle slots cost: their slot-seconds over the slots. */
  public double secondsLost(int slots) {
    return idleSlotSecondsWhileWaiting / slots;
  }

  /**
   * @param start the run's start (the simulator's clock is real time)
   * @param sourceSnapshots the source region's snapshots after the run
   * @param copies the target region's snapshots after the run
   */
  public static CopySlotUse of(
      Instant start,
      List<SimInstance> fleet,
      Ec2SimulatorSettings sim,
      int slots,
      List<SimSnapshot> sourceSnapshots,
      List<SimSnapshot> copies) {
    Set<String> volumes = new HashSet<>();
    for (SimInstance i : fleet) {
      for (SimVolume v : i.volumes()) {
        volumes.add(v.volumeId());
      }
    }
    Map<String, Double> readyAt = new HashMap<>();
    for (SimSnapshot s : sourceSnapshots) {
      if (volumes.contains(s.volumeId()) && !s.createdAt().isBefore(start)) {
        readyAt.put(
            s.snapshotId(),
            at(start, s.createdAt()) + secs(sim.snapshotDurationCarrying(s.dataGib())));
      }
    }
    // +1 waiting at ready; at a copy's start -1 waiting and +1 in flight; at its end -1 in flight
    List<double[]> events = new ArrayList<>();
    double firstCopy = Double.MAX_VALUE;
    double lastEnd = 0;
    int seen = 0;
    for (SimSnapshot c : copies) {
      Double ready = readyAt.get(c.sourceSnapshotId());
      if (!c.isCopy() || ready == null) {
        continue;
      }
      double begin = at(start, c.createdAt());
      double end = begin + secs(sim.copyDurationCarrying(c.dataGib()));
      events.add(new double[] {ready, 1, 0});
      events.add(new double[] {begin, -1, 1});
      events.add(new double[] {end, 0, -1});
      firstCopy = Math.min(firstCopy, begin);
      lastEnd = Math.max(lastEnd, end);
      seen++;
    }
    events.sort((a, b) -> Double.compare(a[0], b[0]));
    double idle = 0;
    double firstReady = events.isEmpty() ? 0 : events.get(0)[0];
    int waiting = 0;
    int inFlight = 0;
    double t = firstReady;
    for (double[] e : events) {
      idle += (e[0] - t) * Math.min(Math.max(0, waiting), Math.max(0, slots - inFlight));
      t = e[0];
      waiting += (int) e[1];
      inFlight += (int) e[2];
    }
    return new CopySlotUse(idle, seen, firstReady, seen == 0 ? 0 : firstCopy, lastEnd);
  }

  Map<String, Object> figures(int slots, double makespan, double bound) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("idleSlotSecondsWhileWaiting", round(idleSlotSecondsWhileWaiting));
    out.put("secondsLost", round(secondsLost(slots)));
    out.put("shareOfGap", round(makespan > bound ? secondsLost(slots) / (makespan - bound) : 0));
    out.put("copies", copies);
    out.put("firstSnapshotReadySeconds", round(firstReadySeconds));
    out.put("firstCopySeconds", round(firstCopySeconds));
    out.put("lastCopyEndSeconds", round(lastCopyEndSeconds));
    return out;
  }

  private static double at(Instant start, Instant t) {
    return BenchFigures.seconds(start, t);
  }

  private static double secs(java.time.Duration d) {
    return d.toNanos() / 1e9;
  }
}
