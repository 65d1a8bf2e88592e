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
 * alone). An admitted host reserves one slot per volume ({@link CopySlots#reserve}): warm copies
 * leave them free.
 */
public class CutoverAdmission {
  private final CopySlots slots;
  private final int maxVolumesDown;
  private final long recheckMs;
  private final Map<InstanceMigration, Integer> down = new HashMap<>();

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
    int now = volumesDown(m.targetRegion());
    if (now > 0 && now + volumes > maxVolumesDown) {
      return true;
    }
    admit(m, volumes);
    return false;
  }

  /** A host already down (left stopped by this run before a crash): admitted at once. */
  public synchronized void admitNow(InstanceMigration m) {
    if (!down.containsKey(m)) {
      admit(m, m.source().volumes().size());
    }
  }

  private void admit(InstanceMigration m, int volumes) {
    down.put(m, volumes);
    slots.reserve(m, m.volumesToCopy().size());
  }

  /** Its copies are done (or it failed): room for the next host. */
  public synchronized void release(InstanceMigration m) {
    down.remove(m);
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

  private int volumesDown(String region) {
    int n = 0;
    for (var e : down.entrySet()) {
      if (e.getKey().targetRegion().equals(region)) {
        n += e.getValue();
      }
    }
    return n;
  }
}
