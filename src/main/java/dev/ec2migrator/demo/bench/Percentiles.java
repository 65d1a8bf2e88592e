package dev.ec2migrator.demo.bench;

import java.util.Collection;

/** p50, p99 and max of a set of values (nearest-rank). */
public record Percentiles(long count, double p50, double p99, double max) {

  public static Percentiles of(Collection<? extends Number> values) {
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, 0, 0, 0);
    }
    return new Percentiles(
        sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  @Override
  public String toString() {
    return String.format("p50 %.0f, p99 %.0f, max %.0f (n=%d)", p50, p99, max, count);
  }
}
