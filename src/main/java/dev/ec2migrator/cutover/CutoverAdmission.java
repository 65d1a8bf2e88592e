package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.model.InstanceMigration;
import java.util.HashMap;
import java.util.Map;

/**
 * Which hosts may start their catch-up and which may stop now. A host's downtime is its stop, its
 * final snapshots and its incremental copies; if more hosts stopped at once than the copy slots can
 * serve, the later ones would wait stopped for a slot and their downtime would grow with the wave.
 * So a host is stopped only while the volumes of the hosts already down whose copies are not yet
 * done, plus its own, fit in the target region's copy slots times {@code
 * migrator.cutover.volumes-per-copy-slot} (above 1: the next hosts snapshot while the current ones
 * copy; a host with more volumes than that is admitted alone). From its stop on a host reserves one
 * slot per volume ({@link CopySlots#reserve}): other warm copies leave them free, and its final
 * copies come before any catch-up copy, so a stopped host waits at most for the next slots to end.
 *
 * <p>The catch-up ({@link CatchUp}) before the stop keeps the slots busy: a host starts it while
 * the volumes ahead of the slots, plus its own, fit in the copy slots times {@code
 * migrator.cutover.catch-up-volumes-ahead-per-copy-slot}. Ahead of the slots are the volumes on
 * their way (hosts catching up, caught up and waiting to stop, down with copies not done) less
 * those copying now: the snapshots in progress and the copies waiting for a slot, so a slot that
 * ends finds a copy to start. Counting the copying ones too would hold hosts back exactly when
 * slots are free. Its final delta is what it writes from its catch-up snapshot to its stop, so the
 * line ahead of the slots is kept short: one host alone always may. The line is served largest host
 * first (the GiB of its volumes; then in order of arrival): a host writes while it waits for its
 * turn, and a large host's catch-up and final copies are the longest, so it goes while the line
 * behind it can still fill the slots; the small hosts, whose waits cost the least data, end the
 * wave.
 */
public class CutoverAdmission {
  private final CopySlots slots;
  private final int maxVolumesDown;
  private final int maxVolumesAhead;
  private final long recheckMs;
  private final Map<InstanceMigration, Integer> down = new HashMap<>();
  private final Map<InstanceMigration, Integer> catchingUp = new HashMap<>();
  private final Map<InstanceMigration, Integer> waitingToStop = new HashMap<>();
  private final Map<InstanceMigration, long[]> catchUpLine = new HashMap<>();
  private long arrivals;
  private final GateWaits catchUpGate = new GateWaits();
  private final GateWaits stopGate = new GateWaits();

  /**
   * @param maxInFlight copy slots per target region (migrator.copy.max-in-flight)
   * @param volumesPerSlot migrator.cutover.volumes-per-copy-slot
   * @param catchUpVolumesAheadPerSlot migrator.cutover.catch-up-volumes-ahead-per-copy-slot
   */
  public CutoverAdmission(
      CopySlots slots,
      int maxInFlight,
      double volumesPerSlot,
      double catchUpVolumesAheadPerSlot,
      long recheckMs) {
    if (volumesPerSlot <= 0) {
      throw new IllegalArgumentException("migrator.cutover.volumes-per-copy-slot must be > 0");
    }
    if (catchUpVolumesAheadPerSlot <= 0) {
      throw new IllegalArgumentException(
          "migrator.cutover.catch-up-volumes-ahead-per-copy-slot must be > 0");
    }
    this.slots = slots;
    this.maxVolumesDown = Math.max(1, (int) Math.floor(maxInFlight * volumesPerSlot));
    this.maxVolumesAhead = Math.max(1, (int) Math.floor(maxInFlight * catchUpVolumesAheadPerSlot));
    this.recheckMs = recheckMs;
  }

  /**
   * For the route's loop: true while the host must stay up; false once admitted (then it stops).
   */
  public synchronized boolean mustWait(InstanceMigration m) {
    if (down.containsKey(m)) {
      return false;
    }
    int volumes = m.source().volumes().size();
    int now = volumesIn(down, m.targetRegion());
    if (now > 0 && now + volumes > maxVolumesDown) {
      waitingToStop.put(m, volumes);
      stopGate.waiting(m);
      return true;
    }
    stopGate.passed(m);
    waitingToStop.remove(m);
    admitNow(m);
    return false;
  }

  /** For the route's loop: true while the host must wait to start its catch-up. */
  public synchronized boolean mustWaitToCatchUp(InstanceMigration m) {
    if (catchingUp.containsKey(m)) {
      return false;
    }
    int volumes = m.source().volumes().size();
    String region = m.targetRegion();
    catchUpLine.computeIfAbsent(m, k -> new long[] {-gib(k), arrivals++});
    int onTheirWay =
        volumesIn(catchingUp, region) + volumesIn(waitingToStop, region) + volumesIn(down, region);
    int ahead = Math.max(0, onTheirWay - slots.inFlight(region));
    if (!firstInLine(m) || (onTheirWay > 0 && ahead + volumes > maxVolumesAhead)) {
      catchUpGate.waiting(m);
      return true;
    }
    catchUpLine.remove(m);
    catchUpGate.passed(m);
    catchingUp.put(m, volumes);
    return false;
  }

  /** No host of its target region waits before it: a larger one, or as large and earlier. */
  private boolean firstInLine(InstanceMigration m) {
    long[] own = catchUpLine.get(m);
    for (var e : catchUpLine.entrySet()) {
      long[] other = e.getValue();
      if (e.getKey() != m
          && e.getKey().targetRegion().equals(m.targetRegion())
          && (other[0] < own[0] || (other[0] == own[0] && other[1] < own[1]))) {
        return false;
      }
    }
    return true;
  }

  private static long gib(InstanceMigration m) {
    return m.source().volumes().stream().mapToLong(v -> v.sizeGib()).sum();
  }

  /**
   * Its catch-up copies are done: room for the next host's catch-up, once this one has stopped and
   * copied (it waits to stop as one of the volumes on their way).
   */
  public synchronized void caughtUp(InstanceMigration m) {
    Integer volumes = catchingUp.remove(m);
    if (volumes != null && !down.containsKey(m)) {
      waitingToStop.put(m, volumes);
    }
  }

  /**
   * A host stopped for its cutover (admitted, or left stopped by this run before a crash): its
   * slots are reserved from now on.
   */
  public synchronized void admitNow(InstanceMigration m) {
    if (!down.containsKey(m)) {
      slots.reserve(m, m.volumesToCopy().size());
      down.put(m, m.source().volumes().size());
    }
  }

  /** Its copies are done (or it failed): room for the next host. */
  public synchronized void release(InstanceMigration m) {
    down.remove(m);
    catchingUp.remove(m);
    waitingToStop.remove(m);
    catchUpLine.remove(m);
    catchUpGate.forget(m);
    stopGate.forget(m);
  }

  public void copiesDone(org.apache.camel.Exchange exchange) {
    release(InstanceMigration.of(exchange));
  }

  public long recheckIn() {
    return recheckMs;
  }

  /** Hosts admitted to their cutover whose copies are not done yet. */
  public synchronized int hostsDown() {
    return down.size();
  }

  /** The gates' figures count from now on (a benchmark measures each wave alone). */
  public synchronized void clearWaits() {
    catchUpGate.clear();
    stopGate.clear();
  }

  /** The time hosts waited to start their catch-up (real time). */
  public synchronized GateWaits.Figures catchUpWaits() {
    return catchUpGate.figures();
  }

  /** The time caught-up hosts waited to be stopped (real time). */
  public synchronized GateWaits.Figures stopWaits() {
    return stopGate.figures();
  }

  private static int volumesIn(Map<InstanceMigration, Integer> hosts, String region) {
    int n = 0;
    for (var e : hosts.entrySet()) {
      if (e.getKey().targetRegion().equals(region)) {
        n += e.getValue();
      }
    }
    return n;
  }
}
