package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark's own harness cost in a run, for results.json: process CPU (migrator,
 * simulators, JIT and GC alike), its share of the cores the calibration found, the seconds in which
 * it came close to them, and the collectors' time.
 */
final class HarnessFigures {
  /** A second in which the JVM used this share of its cores counts as saturated. */
  static final double SATURATED = 0.9;

  private final Map<String, Object> figures = new LinkedHashMap<>();

  private HarnessFigures() {}

  /**
   * @param calibration null when the time scale was given
   */
  static HarnessFigures of(FleetRun.Measured run, Calibration calibration, int hosts) {
    HarnessFigures out = new HarnessFigures();
    double wall = run.wallSeconds();
    out.figures.put("cpuSeconds", round(run.cpuSeconds()));
    out.figures.put("cpuSecondsPerHost", round(run.cpuSeconds() / Math.max(1, hosts)));
    out.figures.put("gcSeconds", round(run.gcSeconds()));
    out.figures.put("meanCores", round(run.cpuSeconds() / wall));
    if (calibration != null) {
      out.figures.put("utilisation", round(run.cpuSeconds() / (wall * calibration.cores())));
      out.figures.put("expectedUtilisation", round(calibration.expectedUtilisation(hosts, wall)));
      List<Double> perSecond = run.coresPerSecond();
      long saturated = perSecond.stream().filter(c -> c >= SATURATED * calibration.cores()).count();
      out.figures.put("saturatedSeconds", saturated);
      out.figures.put("seconds", perSecond.size());
    }
    out.figures.put(
        "coresPerSecond",
        Percentiles.of(run.coresPerSecond().stream().map(BenchFigures::round).toList()));
    return out;
  }

  Map<String, Object> with(String key, Object value) {
    figures.put(key, value);
    return figures;
  }
}
