package dev.ec2migrator.demo.bench;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lower bound of a wave's cutover in simulated seconds, from the data its snapshots and copies
 * actually carried. A running host's cutover is its catch-up (snapshot and copy while it runs),
 * then its stop (30 s), then its final snapshot and copy; a stopped host's is its final pass only.
 * No schedule can beat the larger of:
 *
 * <ul>
 *   <li><b>the slowest host's chain</b>: each step of a host waits for the one before (its slowest
 *       volume's catch-up snapshot and copy, the stop, its slowest volume's final snapshot and
 *       copy);
 *   <li><b>the copy slots</b>: no copy starts before the quickest first snapshot of any host has
 *       completed, and from then on all copy work (catch-up and final) shares the slots.
 * </ul>
 *
 * Rate limits add nothing: a 100-host wave needs fewer calls than any API bucket's burst. {@code
 * finalOnlySeconds} is the earlier bound that counted the final pass alone (the stop, then the
 * slowest final snapshot and copy or the quickest final snapshot and the final copy work over the
 * slots): below the full bound whenever hosts catch up.
 *
 * @param fullSeconds the bound of the cutover as defined (catch-up, stop, final pass)
 * @param chainSeconds the slowest host's chain
 * @param slotsSeconds the quickest first snapshot plus all copy work over the slots
 * @param finalOnlySeconds the final pass alone
 * @param catchUpCopyWorkSeconds copy-slot seconds of the catch-up copies
 * @param finalCopyWorkSeconds copy-slot seconds of the final copies
 */
public record CutoverBound(
    double fullSeconds,
    double chainSeconds,
    double slotsSeconds,
    double finalOnlySeconds,
    double catchUpCopyWorkSeconds,
    double finalCopyWorkSeconds) {

  /** An instance's stop (the simulator's INSTANCE_STOP_SECONDS). */
  static final double STOP_SECONDS = 30;

  /** Copy-slot seconds of every copy of the cutover. */
  public double copyWorkSeconds() {
    return catchUpCopyWorkSeconds + finalCopyWorkSeconds;
  }

  /** Busy slot-seconds over the slot-seconds the cutover had. */
  public double slotOccupancy(int slots, double cutoverSeconds) {
    return cutoverSeconds <= 0 ? 0 : copyWorkSeconds() / (slots * cutoverSeconds);
  }

  /**
   * @param snapshots the source snapshots the cutover made (catch-up and final), deleted ones too;
   *     each tagged with its host ({@code migrator:source-instance}), a final one with {@code
   *     migrator:phase=cutover}
   * @param copies the target region's copies, deleted ones too (others are ignored)
   */
  public static CutoverBound of(
      List<SimSnapshot> snapshots, List<SimSnapshot> copies, Ec2SimulatorSettings sim, int slots) {
    Map<String, SimSnapshot> byId = new HashMap<>();
    Map<String, Host> hosts = new HashMap<>();
    for (SimSnapshot s : snapshots) {
      byId.put(s.snapshotId(), s);
      hosts.computeIfAbsent(host(s), k -> new Host());
    }
    double catchUpWork = 0;
    double finalWork = 0;
    double finalSlowest = 0;
    double finalQuickest = Double.MAX_VALUE;
    for (SimSnapshot c : copies) {
      SimSnapshot s = c.isCopy() ? byId.get(c.sourceSnapshotId()) : null;
      if (s == null) {
        continue;
      }
      double snap = seconds(sim, sim.snapshotDurationCarrying(s.dataGib()));
      double copy = seconds(sim, sim.copyDurationCarrying(c.dataGib()));
      Host h = hosts.get(host(s));
      if (isFinal(s)) {
        finalWork += copy;
        h.finalPass = Math.max(h.finalPass, snap + copy);
        h.finalSnapshot = Math.min(h.finalSnapshot, snap);
        finalSlowest = Math.max(finalSlowest, snap + copy);
        finalQuickest = Math.min(finalQuickest, snap);
      } else {
        catchUpWork += copy;
        h.catchUp = Math.max(h.catchUp, snap + copy);
        h.catchUpSnapshot = Math.min(h.catchUpSnapshot, snap);
      }
    }
    double chain = 0;
    double firstSnapshot = Double.MAX_VALUE;
    for (Host h : hosts.values()) {
      chain = Math.max(chain, h.chain());
      firstSnapshot = Math.min(firstSnapshot, h.firstSnapshot());
    }
    if (firstSnapshot == Double.MAX_VALUE) {
      return new CutoverBound(0, 0, 0, 0, 0, 0);
    }
    double slotsBound = firstSnapshot + (catchUpWork + finalWork) / slots;
    double finalOnly =
        finalWork == 0
            ? 0
            : STOP_SECONDS + Math.max(finalSlowest, finalQuickest + finalWork / slots);
    return new CutoverBound(
        Math.max(chain, slotsBound), chain, slotsBound, finalOnly, catchUpWork, finalWork);
  }

  private static boolean isFinal(SimSnapshot s) {
    return "cutover".equals(s.tags().get(MigrationTags.PHASE));
  }

  private static String host(SimSnapshot s) {
    return String.valueOf(s.tags().get(MigrationTags.SOURCE_INSTANCE));
  }

  private static double seconds(Ec2SimulatorSettings sim, java.time.Duration real) {
    return real.toNanos() / 1e9 * sim.timeScale();
  }

  /** One host's longest catch-up and final pass (snapshot then copy, its slowest volume). */
  private static final class Host {
    double catchUp;
    double finalPass;
    double catchUpSnapshot = Double.MAX_VALUE;
    double finalSnapshot = Double.MAX_VALUE;

    double chain() {
      return catchUp > 0 ? catchUp + STOP_SECONDS + finalPass : finalPass;
    }

    /** Its first snapshot's duration: the catch-up's for a running host, else the final one's. */
    double firstSnapshot() {
      return catchUp > 0 ? catchUpSnapshot : finalSnapshot;
    }
  }
}
