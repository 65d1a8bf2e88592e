package dev.ec2migrator.report;

import dev.ec2migrator.model.Stage;
import java.time.Instant;
import java.util.List;

/**
 * What one run recorded for its report: every stage change of every instance, and periodic samples
 * of the copies in flight and of the EC2 calls and throttled answers so far. Times are milliseconds
 * since the run opened; values are kept in flat arrays (a 10,000-instance run makes some 70,000
 * events).
 */
public final class RunRecording {
  private final String runId;
  private final Instant openedAt;
  private final List<String> instanceIds;
  private final LongList events = new LongList(); // instance, stage ordinal, ms: 3 per event
  private final LongList samples = new LongList(); // ms, copies in flight, calls, throttled

  RunRecording(String runId, Instant openedAt, List<String> instanceIds) {
    this.runId = runId;
    this.openedAt = openedAt;
    this.instanceIds = List.copyOf(instanceIds);
  }

  public String runId() {
    return runId;
  }

  public Instant openedAt() {
    return openedAt;
  }

  /** Instance ids in list order; events name instances by their index here. */
  public List<String> instanceIds() {
    return instanceIds;
  }

  synchronized void stage(int instance, Stage stage, Instant at) {
    events.add(instance, stage.ordinal(), millis(at));
  }

  synchronized void sample(Instant at, long copiesInFlight, long apiCalls, long apiThrottled) {
    samples.add(millis(at), copiesInFlight, apiCalls, apiThrottled);
  }

  /** instance, stage ordinal, ms since opened; three values per event, in the order they came. */
  public synchronized long[] events() {
    return events.toArray();
  }

  /** ms since opened, copies in flight, EC2 calls and throttled answers so far; four per sample. */
  public synchronized long[] samples() {
    return samples.toArray();
  }

  private long millis(Instant at) {
    return Math.max(0, at.toEpochMilli() - openedAt.toEpochMilli());
  }

  /** A growable array of longs (no boxing: a large run records hundreds of thousands). */
  private static final class LongList {
    private long[] values = new long[96];
    private int size;

    void add(long... more) {
      if (size + more.length > values.length) {
        values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
      }
      System.arraycopy(more, 0, values, size, more.length);
      size += more.length;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
