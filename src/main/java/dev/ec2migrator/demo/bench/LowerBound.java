package dev.ec2migrator.demo.bench;

import dev.ec2migrator.demo.ec2.ActionClass;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimVolume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shortest makespan the simulator's parameters allow, whatever the tool does: the largest of
 * (1) the slowest volume's snapshot then copy, (2) all the copy work spread over the copy slots of
 * the target region, after the quickest snapshot, and (3) per API bucket, the calls the fleet needs
 * beyond the bucket's burst at its refill rate. Call latencies and polling are left out, so the
 * bound is never above what is possible.
 *
 * @param criticalPathSeconds (1)
 * @param copyCapacitySeconds (2)
 * @param rateLimitSeconds (3), per bucket ("region/CLASS")
 */
public record LowerBound(
    double criticalPathSeconds, double copyCapacitySeconds, Map<String, Double> rateLimitSeconds) {

  /** The bound itself: the largest of its parts. */
  public double seconds() {
    double rate =
        rateLimitSeconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return Math.max(criticalPathSeconds, Math.max(copyCapacitySeconds, rate));
  }

  /** What bounds the run: the name of the largest part. */
  public String boundBy() {
    double s = seconds();
    if (s == copyCapacitySeconds) {
      return "copy slots";
    }
    if (s == criticalPathSeconds) {
      return "slowest instance";
    }
    return "rate limit "
        + rateLimitSeconds.entrySet().stream()
            .filter(e -> e.getValue() == s)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse("?");
  }

  /**
   * @param fleet the instances migrated (all of their volumes are copied)
   * @param copySlots copies AWS lets run at once per destination region
   */
  public static LowerBound of(
      List<SimInstance> fleet,
      Ec2SimulatorSettings sim,
      int copySlots,
      String sourceRegion,
      String targetRegion) {
    double critical = 0;
    double copyWork = 0;
    double quickestSnapshot = Double.MAX_VALUE;
    int volumes = 0;
    for (SimInstance instance : fleet) {
      for (SimVolume v : instance.volumes()) {
        double snapshot = seconds(sim.snapshotDuration(v.sizeGib()));
        double copy = seconds(sim.copyDuration(v.sizeGib()));
        critical = Math.max(critical, snapshot + copy);
        copyWork += copy;
        quickestSnapshot = Math.min(quickestSnapshot, snapshot);
        volumes++;
      }
    }
    double capacity = volumes == 0 ? 0 : quickestSnapshot + copyWork / copySlots;

    Map<String, Integer> calls = new TreeMap<>();
    calls.merge(sourceRegion + "/" + ActionClass.of("CreateSnapshots"), fleet.size(), Integer::sum);
    calls.merge(targetRegion + "/" + ActionClass.of("CopySnapshot"), volumes, Integer::sum);
    calls.merge(targetRegion + "/" + ActionClass.of("RegisterImage"), fleet.size(), Integer::sum);
    Map<String, Double> rate = new LinkedHashMap<>();
    calls.forEach(
        (bucket, n) -> {
          ActionClass cls = ActionClass.valueOf(bucket.substring(bucket.indexOf('/') + 1));
          double burst = Math.max(1.0, cls.burst() * sim.throttleScale());
          rate.put(bucket, Math.max(0, n - burst) / (cls.refillPerSecond() * sim.throttleScale()));
        });
    return new LowerBound(critical, capacity, rate);
  }

  private static double seconds(java.time.Duration d) {
    return d.toNanos() / 1e9;
  }
}
