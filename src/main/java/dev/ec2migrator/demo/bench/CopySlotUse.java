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
 * <p>The other idle slot-seconds say where the rest of the gap went: before the first copy (the
 * first snapshots), while no completed snapshot waited but more were to come (the snapshots in
 * progress, or hosts held back, did not feed the slots in time), and in the tail, once the last
 * snapshot was ready (the last copies drain; nothing more can start).
 *
 * @param idleSlotSecondsWhileWaiting real slot-seconds free while a copy could have started
 * @param idleSlotSecondsBeforeFirstCopy real slot-seconds free before the first copy started
 * @param idleSlotSecondsNothingReady real slot-seconds free, later, while no copy could start and a
 *     snapshot was still to complete
 * @param idleSlotSecondsInTheTail real slot-seconds free after the last snapshot was ready
 * @param copies copies seen in the target region
 * @param firstReadySeconds when the first snapshot completed, from the run's start
 * @param firstCopySeconds when the first copy started
 * @param lastCopyEndSeconds when the last copy completed
 */
public record CopySlotUse(
    double idleSlotSecondsWhileWaiting,
    double idleSlotSecondsBeforeFirstCopy,
    double idleSlotSecondsNothingReady,
    double idleSlotSecondsInTheTail,
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
    double lastReady = 0;
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
      lastReady = Math.max(lastReady, ready);
      seen++;
    }
    events.sort((a, b) -> Double.compare(a[0], b[0]));
    double firstReady = events.isEmpty() ? 0 : events.get(0)[0];
    double idle = 0;
    double before = firstReady * slots;
    double nothingReady = 0;
    double tail = 0;
    int waiting = 0;
    int inFlight = 0;
    double t = firstReady;
    for (double[] e : events) {
      int free = Math.max(0, slots - inFlight);
      int couldStart = Math.min(Math.max(0, waiting), free);
      idle += (e[0] - t) * couldStart;
      double empty = (e[0] - t) * (free - couldStart);
      if (t < firstCopy) {
        before += empty;
      } else if (t < lastReady) {
        nothingReady += empty;
      } else {
        tail += empty;
      }
      t = e[0];
      waiting += (int) e[1];
      inFlight += (int) e[2];
    }
    return new CopySlotUse(
        idle, before, nothingReady, tail, seen, firstReady, seen == 0 ? 0 : firstCopy, lastEnd);
  }

  Map<String, Object> figures(int slots, double makespan, double bound) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("idleSlotSecondsWhileWaiting", round(idleSlotSecondsWhileWaiting));
    out.put("secondsLost", round(secondsLost(slots)));
    out.put("shareOfGap", round(makespan > bound ? secondsLost(slots) / (makespan - bound) : 0));
    out.put("idleSlotSecondsBeforeFirstCopy", round(idleSlotSecondsBeforeFirstCopy));
    out.put("idleSlotSecondsNothingReady", round(idleSlotSecondsNothingReady));
    out.put("idleSlotSecondsInTheTail", round(idleSlotSecondsInTheTail));
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
