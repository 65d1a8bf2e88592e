package dev.ec2migrator.demo.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shapes and roundings of the figures results.json holds. */
final class BenchFigures {
  static final double MIB = 1024.0 * 1024.0;

  private BenchFigures() {}

  /** The lower bound as results.json shows it. */
  static Map<String, Object> bound(LowerBound bound) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seconds", round(bound.seconds()));
    out.put("boundBy", bound.boundBy());
    out.put("criticalPathSeconds", round(bound.criticalPathSeconds()));
    out.put("copyCapacitySeconds", round(bound.copyCapacitySeconds()));
    Map<String, Object> rates = new LinkedHashMap<>();
    bound.rateLimitSeconds().forEach((k, v) -> rates.put(k, round(v)));
    out.put("rateLimitSeconds", rates);
    return out;
  }

  static Map<String, Object> apiCalls(Map<String, Long> byAction, int instances) {
    long total = byAction.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", total);
    out.put("perInstance", round((double) total / Math.max(1, instances)));
    out.put(
        "pollingPerInstance",
        round((double) byAction.getOrDefault("DescribeSnapshots", 0L) / Math.max(1, instances)));
    out.put("byAction", byAction);
    return out;
  }

  static Map<String, Object> machine() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("maxHeapMiB", round(Runtime.getRuntime().maxMemory() / MIB));
    out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return out;
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
