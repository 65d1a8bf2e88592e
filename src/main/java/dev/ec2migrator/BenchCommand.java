package dev.ec2migrator;

import dev.ec2migrator.demo.bench.Calibration;
import dev.ec2migrator.demo.bench.FleetBenchmark;
import dev.ec2migrator.demo.bench.TwoPhaseBenchmark;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fleet benchmark: the real pipeline against the demo world at scale, measured against the
 * lower bound of the simulator's AWS-like limits, and the sequential procedure it replaces.
 */
@Command(
    name = "bench",
    description =
        "Benchmark a simulated fleet migration against its lower bound and the sequential"
            + " procedure (demo world only).")
final class BenchCommand implements Callable<Integer> {
  /**
   * --two-phase's default scale: a 100-host wave's full pass (17 simulated hours) in about 30 s;
   * the cutover runs slowed by --cutover-clock-rate.
   */
  static final double TWO_PHASE_SCALE = 2000;

  @Option(
      names = "--instances",
      defaultValue = "1000",
      description = "fleet size (${DEFAULT-VALUE})")
  int instances;

  @Option(
      names = "--volumes-per-instance",
      defaultValue = "2",
      description = "EBS volumes of every instance (${DEFAULT-VALUE})")
  int volumesPerInstance;

  @Option(
      names = "--time-scale",
      description =
          "simulated seconds per real second (default: calibrated for this machine by a"
              + " calibration run, see BENCHMARKS.md)")
  Double timeScale;

  @Option(
      names = "--throttle-scale",
      defaultValue = "20",
      description =
          "multiplies EC2's API rate limits, in the simulator and the client alike"
              + " (${DEFAULT-VALUE}); the clock runs faster, so the limits must too")
  double throttleScale;

  @Option(
      names = "--poll-seconds",
      defaultValue = "300",
      description =
          "migrator.poll.interval in SIMULATED seconds (${DEFAULT-VALUE}), whatever the time"
              + " scale; see BENCHMARKS.md for the trade between calls and idle slots")
  double pollSeconds;

  @Option(
      names = "--parallelism",
      description = "migrator.parallelism (default: the configured one)")
  Integer parallelism;

  @Option(
      names = "--baseline-sample",
      defaultValue = "10",
      description =
          "hosts the sequential procedure runs on, extrapolated to the fleet (${DEFAULT-VALUE})")
  int baselineSample;

  @Option(
      names = "--two-phase",
      description =
          "the two-phase benchmark instead: warm sync passes of the fleet (one wave) while it runs,"
              + " then its cutover; downtimes in simulated time (see BENCHMARKS.md)")
  boolean twoPhase;

  @Option(
      names = "--warm-passes",
      defaultValue = "3",
      description = "--two-phase: sync passes before the cutover (${DEFAULT-VALUE})")
  int warmPasses;

  @Option(
      names = "--sync-until-hours",
      description =
          "--two-phase: after --warm-passes, sync a wave again while its last pass took longer"
              + " than this many simulated hours, as an operator repeats sync until a pass is"
              + " short (at most twice --warm-passes passes; default: exactly --warm-passes)")
  Double syncUntilHours;

  @Option(
      names = "--wave-size",
      description =
          "--two-phase: migrate the fleet as waves of this many hosts, each its own list synced"
              + " --warm-passes times and then cut over, one wave after the other (default: the"
              + " whole fleet is one wave)")
  Integer waveSize;

  @Option(
      names = "--cutover-clock-rate",
      defaultValue = "0.05",
      description =
          "--two-phase: the simulated clock's rate during the cutover, against the time scale"
              + " (${DEFAULT-VALUE}): downtimes of minutes measured with the harness's CPU"
              + " weighing 1/rate less")
  double cutoverClockRate;

  @Option(names = "--seed", defaultValue = "42", description = "fleet seed (${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      description = "where results go (${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (twoPhase) {
      return twoPhase();
    }
    Calibration calibration = null;
    double scale;
    if (timeScale != null) {
      scale = timeScale;
    } else {
      calibration = calibrate();
      scale = calibration.timeScale();
      System.out.printf(
          "Calibration: %.3f CPU s per host on %.2f cores: time scale %.0f%n",
          calibration.cpuSecondsPerHost(), calibration.cores(), scale);
    }
    long pollMs = Math.max(1, Math.round(pollSeconds * 1000 / scale));
    Main main =
        Launcher.forProfile("demo").main(overrides(instances, scale, pollMs, out, parallelism));
    main.start();
    try {
      Map<String, Object> results =
          new FleetBenchmark(
                  new FleetBenchmark.Settings(
                      instances,
                      volumesPerInstance,
                      scale,
                      throttleScale,
                      pollMs,
                      baselineSample,
                      out,
                      calibration),
                  System.out)
              .run(main.getCamelContext());
      @SuppressWarnings("unchecked")
      Map<String, Object> migrator = (Map<String, Object>) results.get("migrator");
      return ((Number) migrator.get("failed")).longValue() == 0 ? 0 : 1;
    } finally {
      main.stop();
    }
  }

  /** N hosts x 2 volumes of 100-500 GiB changing 1-5 % an hour: sync passes, then cutover. */
  private int twoPhase() throws Exception {
    if (waveSize != null && waveSize < 1) {
      System.err.println("--wave-size must be at least 1, not " + waveSize);
      return 2;
    }
    if (syncUntilHours != null && syncUntilHours <= 0) {
      System.err.println("--sync-until-hours must be above 0, not " + syncUntilHours);
      return 2;
    }
    double scale = timeScale == null ? TWO_PHASE_SCALE : timeScale;
    long pollMs = Math.max(1, Math.round(pollSeconds * 1000 / scale));
    Map<String, String> overrides = overrides(instances, scale, pollMs, out, parallelism);
    overrides.put("migrator.demo.volume-size-gib", "100-500");
    overrides.put("migrator.demo.change-rate-per-hour", "1-5");
    // waits in real ms: 15 simulated seconds at the cutover's slowed clock
    long recheckMs = Math.max(1, Math.round(15_000 / (scale * cutoverClockRate)));
    overrides.put("migrator.quiesce.stop.recheck", recheckMs + "ms");
    overrides.put("migrator.cutover.admission-recheck", recheckMs + "ms");
    Main main = Launcher.forProfile("demo").main(overrides);
    main.start();
    try {
      Map<String, Object> results =
          new TwoPhaseBenchmark(
                  new TwoPhaseBenchmark.Settings(
                      scale, warmPasses, syncUntilHours, cutoverClockRate, pollMs, out, waveSize),
                  System.out)
              .run(main.getCamelContext());
      @SuppressWarnings("unchecked")
      Map<String, Object> totals = (Map<String, Object>) results.get("totals");
      return ((Number) totals.get("failed")).longValue() == 0 ? 0 : 1;
    } finally {
      main.stop();
    }
  }

  /** The calibration run: its own context and fleet, CPU-bound, measured and stopped. */
  private Calibration calibrate() throws Exception {
    Path dir = out.resolve("calibration");
    Main main =
        Launcher.forProfile("demo")
            .main(
                overrides(
                    Calibration.CALIBRATION_HOSTS,
                    Calibration.CALIBRATION_SCALE,
                    Calibration.CALIBRATION_POLL_MS,
                    dir,
                    parallelism));
    main.start();
    try {
      return FleetBenchmark.calibrate(main.getCamelContext(), dir, volumesPerInstance);
    } finally {
      main.stop();
    }
  }

  private Map<String, String> overrides(
      int hosts, double scale, long pollMs, Path dir, Integer parallelism) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("migrator.inbox.enabled", "false");
    overrides.put("camel.management.port", "0");
    overrides.put("migrator.demo.enabled", "true");
    overrides.put("migrator.simulated", "true");
    overrides.put("migrator.demo.seed", String.valueOf(seed));
    overrides.put("migrator.demo.instances", String.valueOf(hosts));
    overrides.put("migrator.demo.volumes-per-instance", String.valueOf(volumesPerInstance));
    overrides.put("migrator.demo.time-scale", String.valueOf(scale));
    overrides.put("migrator.demo.throttle-scale", String.valueOf(throttleScale));
    overrides.put("migrator.demo.busy-hosts", "");
    overrides.put("migrator.demo.dir", dir.resolve("demo").toAbsolutePath().toString());
    overrides.put("migrator.outbox", dir.resolve("outbox").toAbsolutePath().toString());
    overrides.put("migrator.poll.interval", String.valueOf(pollMs));
    overrides.put("migrator.progress.log-interval", "10s");
    if (parallelism != null) {
      overrides.put("migrator.parallelism", String.valueOf(parallelism));
    }
    return overrides;
  }
}
