package dev.ec2migrator.demo.ec2;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Faults for tests and benchmarks: error rates, connection resets and latency per action, copies
 * that never complete, snapshots of a volume that end in "error". Snapshot and copy faults apply to
 * snapshots created after they are set.
 */
public class FaultInjector {
  /** An error answer, or (reset) a connection closed without any answer. */
  private record ErrorRule(double rate, String code, int httpStatus, boolean reset) {
    ErrorRule {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("rate must be within 0..1");
      }
    }
  }

  private final Map<String, ErrorRule> errors = new ConcurrentHashMap<>();
  private final Map<String, ErrorRule> lostAnswers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> resetTurns = new ConcurrentHashMap<>();
  private final ThreadLocal<Boolean> resetAfterThisCall = ThreadLocal.withInitial(() -> false);
  private final Map<String, Duration> latencies = new ConcurrentHashMap<>();
  private final Set<String> failingVolumes = ConcurrentHashMap.newKeySet();
  private final Set<String> deniedActions = ConcurrentHashMap.newKeySet();
  private volatile Predicate<String> stuckCopy = id -> false;
  private final long initialSeed;
  private Random random;

  public FaultInjector(long seed) {
    this.initialSeed = seed;
    this.random = new Random(seed);
  }

  /** Answer {@code rate} (0..1) of the calls of {@code action} with this error code and status. */
  public void errorRate(String action, double rate, String code, int httpStatus) {
    errors.put(action, new ErrorRule(rate, code, httpStatus, false));
  }

  /**
   * Close the connection without an answer on {@code rate} of the calls of {@code action}, before
   * the action took effect (the client sees a reset: nothing was made).
   */
  public void resetRate(String action, double rate) {
    errors.put(action, new ErrorRule(rate, ConnectionResetFault.CODE, 0, true));
  }

  /**
   * Answer {@code rate} of the calls of {@code action} with this error AFTER the action took effect
   * (the answer was lost: a 5xx or a dropped connection once EC2 had already made the snapshot or
   * copy). A client that simply retries makes a duplicate.
   */
  public void errorAfterActionRate(String action, double rate, String code, int httpStatus) {
    lostAnswers.put(action, new ErrorRule(rate, code, httpStatus, false));
  }

  /**
   * Close the connection without an answer on {@code rate} of the calls of {@code action}, AFTER
   * the action took effect: the client cannot tell this reset from one before the action.
   */
  public void resetAfterActionRate(String action, double rate) {
    lostAnswers.put(action, new ErrorRule(rate, ConnectionResetFault.CODE, 0, true));
  }

  /**
   * The calls of {@code action} take turns: the connection is reset before the action, then after
   * it took effect, then the call is answered; and so on. Every caller meets both kinds.
   */
  public void resetsInTurn(String action) {
    resetTurns.put(action, new AtomicLong());
  }

  /** Extra latency for every call of {@code action} (on top of the default latency). */
  public void latency(String action, Duration d) {
    latencies.put(action, d);
  }

  /** When on, every copy created from now on stays pending forever. */
  public void stuckCopies(boolean on) {
    stuckCopy = on ? id -> true : id -> false;
  }

  /** Copies whose SOURCE snapshot id matches stay pending forever. */
  public void stuckCopiesWhere(Predicate<String> sourceSnapshotId) {
    stuckCopy = sourceSnapshotId;
  }

  /** Snapshots of this volume created from now on end in state "error". */
  public void failSnapshotsOfVolume(String volumeId) {
    failingVolumes.add(volumeId);
  }

  /**
   * The caller's IAM policy does not allow {@code action}: every call, DryRun or not, is answered
   * UnauthorizedOperation (HTTP 403).
   */
  public void deny(String action) {
    deniedActions.add(action);
  }

  boolean denied(String action) {
    return deniedActions.contains(action);
  }

  /** Re-seeds the error decisions, for reproducible runs. */
  public synchronized void seed(long seed) {
    random = new Random(seed);
  }

  public synchronized void clear() {
    errors.clear();
    lostAnswers.clear();
    resetTurns.clear();
    latencies.clear();
    failingVolumes.clear();
    deniedActions.clear();
    stuckCopy = id -> false;
    random = new Random(initialSeed);
  }

  Duration latency(String action) {
    return latencies.getOrDefault(action, Duration.ZERO);
  }

  /** Throws the injected error for this call if the dice say so. */
  void maybeFail(String action) {
    AtomicLong turns = resetTurns.get(action);
    resetAfterThisCall.set(false);
    if (turns != null) {
      long turn = turns.getAndIncrement() % 3;
      if (turn == 0) {
        throw new ConnectionResetFault(action, false);
      }
      resetAfterThisCall.set(turn == 1);
    }
    roll(action, errors.get(action), false);
  }

  /** Throws the injected error after the action if the dice say so (its effect stays). */
  void maybeLoseAnswer(String action) {
    if (resetAfterThisCall.get()) {
      resetAfterThisCall.set(false);
      throw new ConnectionResetFault(action, true);
    }
    roll(action, lostAnswers.get(action), true);
  }

  /** Throws the rule's fault on {@code rate} of the calls; one seeded dice for all rules. */
  private void roll(String action, ErrorRule rule, boolean tookEffect) {
    if (rule == null || rule.rate() == 0) {
      return;
    }
    boolean fail;
    synchronized (this) {
      fail = random.nextDouble() < rule.rate();
    }
    if (!fail) {
      return;
    }
    if (rule.reset()) {
      throw new ConnectionResetFault(action, tookEffect);
    }
    throw new Ec2Exception(
        rule.code(),
        "Injected fault for " + action + (tookEffect ? " (after it took effect)" : ""),
        rule.httpStatus());
  }

  boolean copyStuck(String sourceSnapshotId) {
    return stuckCopy.test(sourceSnapshotId);
  }

  boolean snapshotFails(String volumeId) {
    return failingVolumes.contains(volumeId);
  }
}
