package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS allows 20 concurrent snapshot copies per destination region (more are refused with
 * ResourceLimitExceeded). A copy takes a slot before CopySnapshot is called and gives it back when
 * the tracker sees it end; nothing blocks while waiting for one.
 */
public class CopySlots {
  private final int maxInFlight;
  private final SnapshotTracker tracker;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  public CopySlots(int maxInFlight, SnapshotTracker tracker) {
    this.maxInFlight = maxInFlight;
    this.tracker = tracker;
  }

  /** Takes a slot in the instance's target region if one is free; true while none is. */
  public boolean noSlotYet(InstanceMigration m) {
    return !tryTake(m);
  }

  /** Takes a slot in the instance's target region if one is free. */
  public boolean tryTake(InstanceMigration m) {
    AtomicInteger count = counter(m.targetRegion());
    while (true) {
      int now = count.get();
      if (now >= maxInFlight) {
        return false;
      }
      if (count.compareAndSet(now, now + 1)) {
        m.copySlotsHeld().incrementAndGet();
        return true;
      }
    }
  }

  /**
   * True while a copy of the instance is pending; gives back the slots of the copies that ended, so
   * the next waiting copy can start.
   */
  public boolean waitingForCopies(InstanceMigration m) {
    boolean waiting = tracker.waiting(m, true);
    release(m, m.copySlotsHeld().get() - tracker.pendingCopies(m));
    return waiting;
  }

  /** Gives back the slot of a copy that was refused. */
  public void releaseOne(InstanceMigration m) {
    release(m, 1);
  }

  /** Gives back every slot the instance holds (failure path). */
  public void releaseAll(InstanceMigration m) {
    release(m, m.copySlotsHeld().get());
  }

  private void release(InstanceMigration m, int n) {
    for (int i = 0; i < n; i++) {
      if (m.copySlotsHeld().getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
        counter(m.targetRegion()).decrementAndGet();
      }
    }
  }

  public int inFlight(String region) {
    return counter(region).get();
  }

  public int inFlightTotal() {
    return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private AtomicInteger counter(String region) {
    return inFlight.computeIfAbsent(region, r -> new AtomicInteger());
  }
}
