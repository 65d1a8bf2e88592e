package dev.ec2migrator.demo.cfn;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls and error answers of the CloudFormation simulator, per region and action. */
public final class CloudFormationCounters {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void recordCall(String region, String action) {
    counts.computeIfAbsent(region + "/" + action + "/calls", k -> new LongAdder()).increment();
  }

  void recordError(String region, String action, String code) {
    counts.computeIfAbsent(region + "/" + action + "/errors", k -> new LongAdder()).increment();
    counts
        .computeIfAbsent(region + "/" + action + "/error:" + code, k -> new LongAdder())
        .increment();
  }

  private long get(String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  public long calls(String region, String action) {
    return get(region + "/" + action + "/calls");
  }

  public long errors(String region, String action) {
    return get(region + "/" + action + "/errors");
  }

  public long errors(String region, String action, String code) {
    return get(region + "/" + action + "/error:" + code);
  }

  /** Every counter as "region/action/kind" (kind: calls, errors, error:Code), sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
