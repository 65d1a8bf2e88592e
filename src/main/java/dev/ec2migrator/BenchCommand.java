package dev.ec2migrator;

import dev.ec2migrator.demo.bench.FleetBenchmark;
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
      defaultValue = "5000",
      description = "simulated seconds per real second (${DEFAULT-VALUE})")
  double timeScale;

  @Option(
      names = "--throttle-scale",
      defaultValue = "20",
      description =
          "multiplies EC2's API rate limits, in the simulator and the client alike"
              + " (${DEFAULT-VALUE}); the clock runs faster, so the limits must too")
  double throttleScale;

  @Option(
      names = "--poll-interval",
      defaultValue = "60",
      description =
          "migrator.poll.interval in ms (${DEFAULT-VALUE}): 300 simulated seconds at the default"
              + " time scale; see BENCHMARKS.md for the trade between calls and idle slots")
  long pollIntervalMs;

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

  @Option(names = "--seed", defaultValue = "42", description = "fleet seed (${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      description = "where results go (${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("migrator.inbox.enabled", "false");
    overrides.put("camel.management.port", "0");
    overrides.put("migrator.demo.enabled", "true");
    overrides.put("migrator.simulated", "true");
    overrides.put("migrator.demo.seed", String.valueOf(seed));
    overrides.put("migrator.demo.instances", String.valueOf(instances));
    overrides.put("migrator.demo.volumes-per-instance", String.valueOf(volumesPerInstance));
    overrides.put("migrator.demo.time-scale", String.valueOf(timeScale));
    overrides.put("migrator.demo.throttle-scale", String.valueOf(throttleScale));
    overrides.put("migrator.demo.busy-hosts", "");
    overrides.put("migrator.demo.dir", out.resolve("demo").toAbsolutePath().toString());
    overrides.put("migrator.outbox", out.resolve("outbox").toAbsolutePath().toString());
    overrides.put("migrator.poll.interval", String.valueOf(pollIntervalMs));
    overrides.put("migrator.progress.log-interval", "10s");
    if (parallelism != null) {
      overrides.put("migrator.parallelism", String.valueOf(parallelism));
    }
    Main main = Launcher.forProfile("demo").main(overrides);
    main.start();
    try {
      Map<String, Object> results =
          new FleetBenchmark(
                  new FleetBenchmark.Settings(
                      instances,
                      volumesPerInstance,
                      timeScale,
                      throttleScale,
                      pollIntervalMs,
                      baselineSample,
                      out),
                  System.out)
              .run(main.getCamelContext());
      @SuppressWarnings("unchecked")
      Map<String, Object> migrator = (Map<String, Object>) results.get("migrator");
      return ((Number) migrator.get("failed")).longValue() == 0 ? 0 : 1;
    } finally {
      main.stop();
    }
  }
}
