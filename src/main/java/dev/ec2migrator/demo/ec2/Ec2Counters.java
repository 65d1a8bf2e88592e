package dev.ec2migrator.demo.ec2;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls, throttled calls and error answers per region and action, and the total of mutating calls
 * (every action that is not a Describe*). Throttled and error answers are also counted as calls.
 */
public final class Ec2Counters {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder mutatingCalls = new LongAdder();

  void recordCall(String region, String action) {
    add(region, action, "calls");
    if (!ActionClass.isDescribe(action)) {
      mutatingCalls.increment();
    }
  }

  void recordDryRun(String region, String action) {
    add(region, action, "dryrun");
  }

  void recordThrottled(String region, String action) {
    add(region, action, "throttled");
  }

  void recordError(String region, String action, String code) {
    add(region, action, "errors");
    add(region, action, "error:" + code);
  }

  private void add(String region, String action, String kind) {
    counts.computeIfAbsent(region + "/" + action + "/" + kind, k -> new LongAdder()).increment();
  }

  private long get(String region, String action, String kind) {
    LongAdder a = counts.get(region + "/" + action + "/" + kind);
    return a == null ? 0 : a.sum();
  }

  public long calls(String region, String action) {
    return get(region, action, "calls");
  }

  public long throttled(String region, String action) {
    return get(region, action, "throttled");
  }

  /** Calls of the action with DryRun=true (not counted as calls: they make nothing). */
  public long dryRuns(String region, String action) {
    return get(region, action, "dryrun");
  }

  public long errors(String region, String action) {
    return get(region, action, "errors");
  }

  /** One kind of counter (calls, throttled, errors) summed over regions, by action. */
  public Map<String, Long> byAction(String kind) {
    return grouped(kind, 1);
  }

  /** One kind of counter of one action, by region. */
  public Map<String, Long> byRegion(String action, String kind) {
    Map<String, Long> out = new TreeMap<>();
    grouped(kind, 0).keySet().forEach(region -> out.put(region, get(region, action, kind)));
    out.values().removeIf(n -> n == 0);
    return out;
  }

  /** One kind of counter summed over regions and actions. */
  public long total(String kind) {
    return grouped(kind, 1).values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<String, Long> grouped(String kind, int part) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("/");
          if (parts.length == 3 && parts[2].equals(kind)) {
            out.merge(parts[part], n.sum(), Long::sum);
          }
        });
    return out;
  }

  /** Calls refused with the given error code, all regions and actions. */
  public long errorsWithCode(String code) {
    String suffix = "/error:" + code;
    long n = 0;
    for (var e : counts.entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        n += e.getValue().sum();
      }
    }
    return n;
  }

  public long mutatingCalls() {
    return mutatingCalls.sum();
  }

  /** Every counter as "region/action/kind" (kind: calls, throttled, errors, error:Code), sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  public void reset() {
    counts.clear();
    mutatingCalls.reset();
  }
}
