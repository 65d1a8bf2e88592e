package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * AWS allows 20 concurrent snapshot copies per destination region (more are refused with
 * ResourceLimitExceeded). A copy takes a slot before its CopySnapshot call; the slot goes back when
 * the tracker sees the copy end (right after each poll, whatever its instance is doing), or at once
 * when the call fails. Since taken slots always drain on their own, an instance that copied one
 * volume and waits for a slot for the next cannot starve the others. Nothing blocks while waiting:
 * an instance keeps its place in line until all its copies have a slot, and the first in line look
 * again just after the next poll, the ones further back less often. Taking, using and giving back
 * are synchronized: a check that read "a slot held and unused" while a poll gave that very slot
 * back could start a 21st copy.
 *
 * <p>Downtime-critical work first: while an instance in cutover (stopped, its final copies to make)
 * waits for a slot of a region, no warm copy (sync, one-pass migrate) of that region takes one, so
 * every slot that frees up goes to a cutover copy; warm copies already in flight finish as they
 * are. Next in rank come the copies of a host's catch-up just before its stop (its stop waits for
 * them), then every other warm copy. A host admitted to its cutover reserves one slot per volume
 * ({@link #reserve}) from its stop on: other warm copies leave reserved slots free. Catch-up copies
 * may take them: they come from the same wave's line whose stops the admission bounds, and a slot
 * held empty during every stopped host's final snapshots would idle the slots the wave needs; the
 * stopped host's copies still take every slot that ends before any catch-up copy does.
 */
public class CopySlots {
  private final int maxInFlight;
  private final SnapshotTracker tracker;
  private final long slotWaitMs;
  private final Map<String, Integer> taken = new HashMap<>();
  private final Map<String, InstanceMigration> copiesInFlight = new ConcurrentHashMap<>();
  private final Map<InstanceMigration, Long> queue = new ConcurrentHashMap<>();
  private final AtomicLong tickets = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final Map<InstanceMigration, Integer> reserved = new HashMap<>();

  /**
   * @param slotWaitMs the longest a waiting instance goes without looking again
   */
  public CopySlots(int maxInFlight, SnapshotTracker tracker, long slotWaitMs) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("migrator.copy.max-in-flight must be >= 1");
    }
    this.maxInFlight = maxInFlight;
    this.tracker = tracker;
    this.slotWaitMs = slotWaitMs;
  }

  /**
   * Before each copy: false when the instance holds a slot it has not used yet or has just taken
   * one; true while none is free.
   */
  public synchronized boolean noSlotYet(InstanceMigration m) {
    if (m.copySlotsHeld().get() > inUse(m)) {
      return false;
    }
    queue.computeIfAbsent(m, k -> tickets.getAndIncrement());
    int rank = rank(m);
    if (aheadWaiting(m.targetRegion(), rank)
        || !tryTake(m.targetRegion(), rank > 1 ? reservedIn(m.targetRegion()) : 0)) {
      return true;
    }
    reserved.computeIfPresent(m, (k, n) -> n > 1 ? n - 1 : null);
    m.copySlotsHeld().incrementAndGet();
    if (m.volumesToCopy().size() <= 1 && queue.remove(m) != null) {
      served.incrementAndGet();
    }
    return false;
  }

  /**
   * Milliseconds until a waiting instance looks again: just after the next poll (slots only free up
   * then) for the first arrivals, more polls later the further back it is, at most slot-wait.
   */
  public long nextLookIn(InstanceMigration m) {
    long position = Math.max(0, queue.getOrDefault(m, served.get()) - served.get());
    long polls = position / maxInFlight;
    long delay = tracker.untilNextPoll() + polls * polls * tracker.pollIntervalMs();
    return Math.min(delay, slotWaitMs);
  }

  /**
   * The CopySnapshot call made a copy: its slot stays taken until the tracker sees it end, so the
   * tracker watches it from now on (not only once all the instance's copies are made).
   */
  public synchronized void copyStarted(InstanceMigration m, String copyId) {
    tracker.watchOne(m.targetRegion(), copyId); // first: releaseEnded gives back unknown copies
    copiesInFlight.put(copyId, m);
  }

  /**
   * After each poll: gives back the slots of the copies that ended (completed or error), and of
   * those the tracker no longer follows (their run is over).
   */
  public synchronized void releaseEnded() {
    copiesInFlight
        .entrySet()
        .removeIf(
            e -> {
              SnapshotTracker.Seen s = tracker.seen(e.getKey());
              if (s != null && s.state() == SnapshotState.PENDING) {
                return false;
              }
              release(e.getValue(), 1);
              return true;
            });
  }

  /** Gives back the slot of a copy that was refused or failed (no copy was made). */
  public synchronized void releaseOne(InstanceMigration m) {
    release(m, 1);
  }

  /**
   * Failure path: gives back the slots the instance took and did not use, and leaves the queue.
   * Copies already made keep their slot until they end: AWS still counts them.
   */
  public synchronized void releaseAll(InstanceMigration m) {
    reserved.remove(m);
    if (queue.remove(m) != null) {
      served.incrementAndGet();
    }
    release(m, m.copySlotsHeld().get() - inUse(m));
  }

  /** 0: a stopped host's final copies; 1: a catch-up just before a stop; 2: any other warm copy. */
  private static int rank(InstanceMigration m) {
    return m.inCutover() ? 0 : m.catchUpOf() != null ? 1 : 2;
  }

  /** An instance of a higher rank waits for a slot of the region. */
  private boolean aheadWaiting(String region, int rank) {
    for (InstanceMigration waiting : queue.keySet()) {
      if (rank(waiting) < rank && waiting.targetRegion().equals(region)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A host stopped for its cutover: one slot per volume is kept from warm copies until it takes
   * them (or fails).
   */
  public synchronized void reserve(InstanceMigration m, int volumes) {
    if (volumes > 0) {
      reserved.put(m, volumes);
    }
  }

  /** Slots of the region reserved for stopped hosts that have not taken them yet. */
  public synchronized int reservedIn(String region) {
    int n = 0;
    for (var e : reserved.entrySet()) {
      if (e.getKey().targetRegion().equals(region)) {
        n += e.getValue();
      }
    }
    return n;
  }

  private boolean tryTake(String region, int keepFree) {
    int now = inFlight(region);
    if (now + keepFree >= maxInFlight) {
      return false;
    }
    taken.put(region, now + 1);
    return true;
  }

  private int inUse(InstanceMigration m) {
    int n = 0;
    for (InstanceMigration holder : copiesInFlight.values()) {
      if (holder == m) {
        n++;
      }
    }
    return n;
  }

  private void release(InstanceMigration m, int n) {
    for (int i = 0; i < n; i++) {
      if (m.copySlotsHeld().getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
        taken.merge(m.targetRegion(), -1, Integer::sum);
      }
    }
  }

  public synchronized int inFlight(String region) {
    return taken.getOrDefault(region, 0);
  }

  public synchronized int inFlightTotal() {
    return taken.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Instances waiting for a copy slot now. */
  public int waiting() {
    return queue.size();
  }
}
