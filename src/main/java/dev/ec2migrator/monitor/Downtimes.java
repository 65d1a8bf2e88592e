package dev.ec2migrator.monitor;

import dev.ec2migrator.model.InstanceMigration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downtime of cut-over hosts (stop to image registered), as the MBean and the run report show
 * it: nearest-rank p50 and p99, the maximum, the hosts down now and each host's figure.
 *
 * @param perHostMs instance id to its downtime in ms, for every host whose image is registered
 */
public record Downtimes(
    long p50Ms, long p99Ms, long maxMs, long downNow, Map<String, Long> perHostMs) {

  public static Downtimes of(Collection<InstanceMigration> migrations) {
    Map<String, Long> perHost = new TreeMap<>();
    long down = 0;
    for (InstanceMigration m : migrations) {
      if (m.downtimeMs() >= 0) {
        perHost.put(m.instanceId(), m.downtimeMs());
      }
      if (m.downNow()) {
        down++;
      }
    }
    long[] sorted = perHost.values().stream().mapToLong(Long::longValue).sorted().toArray();
    return new Downtimes(rank(sorted, 50), rank(sorted, 99), rank(sorted, 100), down, perHost);
  }

  /** Nearest rank; 0 when no host was cut over. */
  static long rank(long[] sorted, int percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
