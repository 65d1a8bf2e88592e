package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the time scale of a benchmark for the machine it runs on. The simulator's clock runs {@code
 * timeScale} times faster than real time, so every millisecond the harness (migrator and simulators
 * in one JVM) is late by for want of CPU becomes {@code timeScale} milliseconds of AWS time, and
 * the ratio to the lower bound measures the machine rather than the migrator. The scale is
 * therefore chosen so that the measured run needs at most {@link #TARGET_UTILISATION} of the CPU
 * this JVM gets.
 *
 * <p>Both figures come from a calibration run: the real pipeline on a small fleet of its own (a
 * context of its own, started and stopped before the measured one) at a scale so fast that the
 * harness is CPU-bound; a first batch of hosts warms the JVM up (class loading, JIT), the second is
 * measured. Its process CPU time per host is what a host costs on this machine; its CPU time per
 * wall second while saturated is the cores this JVM gets here, with whatever else runs (a slower
 * core, a CPU burner, {@code taskset}) showing in one or the other. A host may then take {@code
 * cpuPerHost / (cores x TARGET_UTILISATION)} real seconds, and the scale is the simulated copy-slot
 * time per host divided by that.
 *
 * @param cpuSecondsPerHost process CPU per host of the calibration run
 * @param cores CPU seconds per wall second the calibration run was given
 * @param timeScale the scale chosen
 */
public record Calibration(double cpuSecondsPerHost, double cores, double timeScale) {

  /** The share of the JVM's CPU the measured run may need: queueing for a core stays short. */
  static final double TARGET_UTILISATION = 0.5;

  /**
   * Simulated copy-slot seconds per volume of the seeded fleet: its mean copy (120 s + 20 s/GiB)
   * over the 20 copy slots; only sets the scale, the lower bound is computed from the real fleet.
   */
  static final double COPY_SLOT_SECONDS_PER_VOLUME = 167.5;

  /**
   * The scale of the calibration run: copies of a few tens of milliseconds, so the harness is
   * CPU-bound on any machine and its CPU per wall second is the cores it can get.
   */
  public static final double CALIBRATION_SCALE = 50_000;

  /** Its poll interval (ms): the same share of a copy as the measured run's polls. */
  public static final long CALIBRATION_POLL_MS = 6;

  static final double MIN_SCALE = 250;

  /** The fastest measured run: the scale the benchmark used before it calibrated. */
  static final double MAX_SCALE = 5000;

  /** Hosts of the calibration run: a warm-up batch, then the measured one. */
  public static final int CALIBRATION_HOSTS = 200;

  static final int CALIBRATION_WARM_UP_HOSTS = 100;

  /**
   * @param cpuSeconds process CPU the calibration run used
   * @param wallSeconds its duration
   * @param hosts the hosts it migrated
   * @param volumesPerInstance of the measured fleet
   */
  public static Calibration of(
      double cpuSeconds, double wallSeconds, int hosts, int volumesPerInstance) {
    double perHost = cpuSeconds / hosts;
    double cores = cpuSeconds / wallSeconds;
    double realSecondsPerHost = perHost / (cores * TARGET_UTILISATION);
    double scale = volumesPerInstance * COPY_SLOT_SECONDS_PER_VOLUME / realSecondsPerHost;
    // a multiple of 50, within what the clock can show: runs on one machine agree on it
    scale = Math.floor(Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale)) / 50) * 50;
    return new Calibration(perHost, cores, scale);
  }

  /** The harness's expected share of the JVM's CPU in a run of {@code realSeconds}. */
  public double expectedUtilisation(int hosts, double realSeconds) {
    return cpuSecondsPerHost * hosts / (cores * realSeconds);
  }

  Map<String, Object> figures() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("calibrationHosts", CALIBRATION_HOSTS);
    out.put("calibrationScale", CALIBRATION_SCALE);
    out.put("cpuSecondsPerHost", round(cpuSecondsPerHost));
    out.put("cores", round(cores));
    out.put("targetUtilisation", TARGET_UTILISATION);
    out.put("timeScale", timeScale);
    return out;
  }
}
