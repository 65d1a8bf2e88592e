package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.cutover.CutoverAdmission;
import dev.ec2migrator.cutover.GateWaits;
import dev.ec2migrator.demo.ec2.Ec2Simulator;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a wave's cutover spent its time, from the simulator's records of every snapshot and copy it
 * made (deleted ones too) and the admission's gates: its {@link CutoverBound}, the copy slots'
 * occupancy (busy slot-seconds over the slots times the cutover), the slot-seconds left idle while
 * a completed snapshot waited for its copy ({@link CopySlotUse}), and the time hosts waited to
 * start their catch-up and to be stopped. Simulated seconds throughout.
 *
 * @param bound the cutover's lower bound
 * @param figures the figures as results-two-phase.json shows them
 */
public record CutoverFigures(CutoverBound bound, Map<String, Object> figures) {

  /**
   * @param start the simulator's instant when the cutover began
   * @param seconds the cutover's simulated seconds
   * @param simSecondsPerRealMs the migrator's real milliseconds in simulated seconds
   */
  public static CutoverFigures read(
      Ec2Simulator ec2,
      List<SimInstance> fleet,
      String source,
      String target,
      String syncRun,
      Instant start,
      double seconds,
      CutoverAdmission admission,
      double simSecondsPerRealMs) {
    double scale = ec2.settings().timeScale();
    int slots = ec2.settings().maxCopiesInFlightPerRegion();
    List<SimSnapshot> made = madeSince(ec2.snapshotsEverMade(source), syncRun, start);
    List<SimSnapshot> copies = madeSince(ec2.snapshotsEverMade(target), syncRun, start);
    CutoverBound bound = CutoverBound.of(made, copies, ec2.settings(), slots);
    CopySlotUse use = CopySlotUse.of(start, fleet, ec2.settings(), slots, made, copies);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("lowerBoundSeconds", round(bound.fullSeconds()));
    out.put("overLowerBound", round(seconds / bound.fullSeconds()));
    out.put("chainBoundSeconds", round(bound.chainSeconds()));
    out.put("slotsBoundSeconds", round(bound.slotsSeconds()));
    out.put("finalOnlyLowerBoundSeconds", round(bound.finalOnlySeconds()));
    out.put("overFinalOnlyLowerBound", round(seconds / bound.finalOnlySeconds()));
    out.put("catchUpCopySlotSeconds", round(bound.catchUpCopyWorkSeconds()));
    out.put("finalCopySlotSeconds", round(bound.finalCopyWorkSeconds()));
    out.put("slotOccupancy", round(bound.slotOccupancy(slots, seconds)));
    out.put("idleSlotSecondsWhileACopyWaited", round(use.idleSlotSecondsWhileWaiting() * scale));
    out.put("idleSlotSecondsBeforeFirstCopy", round(use.idleSlotSecondsBeforeFirstCopy() * scale));
    out.put("idleSlotSecondsNothingReady", round(use.idleSlotSecondsNothingReady() * scale));
    out.put("idleSlotSecondsInTheTail", round(use.idleSlotSecondsInTheTail() * scale));
    out.put("firstCopySeconds", round(use.firstCopySeconds() * scale));
    out.put("catchUpGate", gate(admission.catchUpWaits(), simSecondsPerRealMs));
    out.put("stopGate", gate(admission.stopWaits(), simSecondsPerRealMs));
    return new CutoverFigures(bound, out);
  }

  /** One console line. */
  public String line(double seconds, int slots) {
    return String.format(
        "Cutover lower bound %.0f s (chain %.0f, slots %.0f; final pass only %.0f), ratio %.3f;"
            + " copy slots busy %.0f %%, idle slot-s: a copy waited %s, before the first copy %s,"
            + " nothing ready %s, tail %s; gates waited %s / %s",
        bound.fullSeconds(),
        bound.chainSeconds(),
        bound.slotsSeconds(),
        bound.finalOnlySeconds(),
        seconds / bound.fullSeconds(),
        100 * bound.slotOccupancy(slots, seconds),
        figures.get("idleSlotSecondsWhileACopyWaited"),
        figures.get("idleSlotSecondsBeforeFirstCopy"),
        figures.get("idleSlotSecondsNothingReady"),
        figures.get("idleSlotSecondsInTheTail"),
        figures.get("catchUpGate"),
        figures.get("stopGate"));
  }

  private static Map<String, Object> gate(GateWaits.Figures f, double simSecondsPerRealMs) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hosts", f.hosts());
    out.put(
        "meanSeconds", round(f.hosts() == 0 ? 0 : f.waitedMs() / f.hosts() * simSecondsPerRealMs));
    out.put("maxSeconds", round(f.maxMs() * simSecondsPerRealMs));
    return out;
  }

  private static List<SimSnapshot> madeSince(
      List<SimSnapshot> snapshots, String syncRun, Instant start) {
    return snapshots.stream()
        .filter(s -> syncRun.equals(s.tags().get(MigrationTags.SYNC_RUN)))
        .filter(s -> !s.createdAt().isBefore(start))
        .toList();
  }
}
