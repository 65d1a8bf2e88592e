package dev.ec2migrator.demo.cfn;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls and error answers of the CloudFormation simulator, per region and action; and the
 * permissions of the resource handlers its stacks ran ({@link HandlerPermissions}): what
 * CloudFormation does with the caller's credentials.
 */
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

  /** One handler ran (a resource created or deleted): each permission its schema lists, once. */
  void recordHandlerPermissions(String region, java.util.List<String> permissions) {
    for (String permission : permissions) {
      counts
          .computeIfAbsent(region + "/" + permission + "/handler", k -> new LongAdder())
          .increment();
    }
  }

  /**
   * How often each permission (e.g. {@code ec2:RunInstances}) was needed by a handler, summed over
   * regions.
   */
  public Map<String, Long> handlerPermissions() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("/");
          if (parts.length == 3 && parts[2].equals("handler")) {
            out.merge(parts[1], n.sum(), Long::sum);
          }
        });
    return out;
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

  /** Every counter as "region/action/kind" (kind: calls, errors, error:Code, handler), sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
