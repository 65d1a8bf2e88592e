package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.model.InstanceMigration;
import java.util.HashMap;
import java.util.Map;

/**
 * Which hosts may stop now. A host's downtime is its stop, its final snapshots and its incremental
 * copies; if more hosts stopped at once than the copy slots can serve, the later ones would wait
 * stopped for a slot and their downtime would grow with the wave. So a host is stopped only while
 * the volumes of the hosts already down whose copies are not yet done, plus its own, fit in the
 * target region's copy slots times {@code migrator.cutover.volumes-per-copy-slot} (above 1: the
 * next hosts snapshot while the current ones copy; a host with more volumes than that is admitted
 * alone). A host in cutover reserves one slot per volume ({@link CopySlots#reserve}) from its first
 * look on, admitted or waiting: warm copies leave them free, so no warm copy that starts while the
 * wave is cut over can stand between a stopped host and its copies.
 *
 * <p>The catch-up ({@link CatchUp}) before the stop is gated too: a host starts it only while the
 * volumes of the hosts catching up, plus its own, fit in the copy slots (one alone always may). Its
 * final delta is what it writes from its catch-up snapshot to its stop, so the catch-up must not
 * start long before its copies can get slots.
 */
public class CutoverAdmission {
  private final CopySlots slots;
  private final int maxVolumesDown;
  private final long recheckMs;
  private final Map<InstanceMigration, Integer> down = new HashMap<>();
  private final Map<InstanceMigration, Integer> catchingUp = new HashMap<>();
  private final int maxVolumesCatchingUp;

  /**
   * @param maxInFlight copy slots per target region (migrator.copy.max-in-flight)
   * @param volumesPerSlot migrator.cutover.volumes-per-copy-slot
   */
  public CutoverAdmission(CopySlots slots, int maxInFlight, double volumesPerSlot, long recheckMs) {
    if (volumesPerSlot <= 0) {
      throw new IllegalArgumentException("migrator.cutover.volumes-per-copy-slot must be > 0");
    }
    this.slots = slots;
    this.maxVolumesDown = Math.max(1, (int) Math.floor(maxInFlight * volumesPerSlot));
    this.maxVolumesCatchingUp = maxInFlight;
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
    // from its first look on: no warm copy takes a slot it will need once admitted
    slots.reserve(m, m.volumesToCopy().size());
    int now = volumesIn(down, m.targetRegion());
    if (now > 0 && now + volumes > maxVolumesDown) {
      return true;
    }
    admit(m, volumes);
    return false;
  }

  /** For the route's loop: true while the host must wait to start its catch-up. */
  public synchronized boolean mustWaitToCatchUp(InstanceMigration m) {
    if (catchingUp.containsKey(m)) {
      return false;
    }
    int volumes = m.source().volumes().size();
    int now = volumesIn(catchingUp, m.targetRegion());
    if (now > 0 && now + volumes > maxVolumesCatchingUp) {
      return true;
    }
    catchingUp.put(m, volumes);
    return false;
  }

  /** Its catch-up copies are done: room for the next host's catch-up. */
  public synchronized void caughtUp(InstanceMigration m) {
    catchingUp.remove(m);
  }

  /** A host already down (left stopped by this run before a crash): admitted at once. */
  public synchronized void admitNow(InstanceMigration m) {
    if (!down.containsKey(m)) {
      slots.reserve(m, m.volumesToCopy().size());
      admit(m, m.source().volumes().size());
    }
  }

  private void admit(InstanceMigration m, int volumes) {
    down.put(m, volumes);
  }

  /** Its copies are done (or it failed): room for the next host. */
  public synchronized void release(InstanceMigration m) {
    down.remove(m);
    catchingUp.remove(m);
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
