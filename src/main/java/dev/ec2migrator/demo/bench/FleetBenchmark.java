package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.MIB;
import static dev.ec2migrator.demo.bench.BenchFigures.apiCalls;
import static dev.ec2migrator.demo.bench.BenchFigures.bound;
import static dev.ec2migrator.demo.bench.BenchFigures.machine;
import static dev.ec2migrator.demo.bench.BenchFigures.round;
import static dev.ec2migrator.demo.bench.BenchFigures.seconds;

import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.Ec2Counters;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * Runs the real pipeline (routes, beans, camel-ssh, AWS SDK) over a fleet of the demo world and
 * measures it against the lower bound of the simulator's parameters; then the sequential procedure
 * on a sample of the same fleet. Writes results.json, hosts.csv, hosts-completed.csv and .png. Over
 * 250 lines because it is the one place that names every figure of a run in results.json, in the
 * order BENCHMARKS.md reads them; the measuring itself lives in its helpers.
 */
public final class FleetBenchmark {

  /** What the command line chose; echoed into results.json. */
  public record Settings(
      int instances,
      int volumesPerInstance,
      double timeScale,
      double throttleScale,
      long pollIntervalMs,
      int baselineSample,
      Path out,
      Calibration calibration) {}

  private final Settings settings;
  private final PrintStream console;

  public FleetBenchmark(Settings settings, PrintStream console) {
    this.settings = settings;
    this.console = console;
  }

  /**
   * @param camel a started context of the demo profile with the bench's overrides
   * @return the figures (also written under {@code out})
   */
  public Map<String, Object> run(CamelContext camel) throws Exception {
    Files.createDirectories(settings.out());
    DemoWorld world = camel.getRegistry().lookupByNameAndType("demoWorld", DemoWorld.class);
    String sourceRegion = camel.resolvePropertyPlaceholders("{{migrator.source-region}}");
    String targetRegion = camel.resolvePropertyPlaceholders("{{migrator.target-region}}");
    List<SimInstance> fleet = world.fleet();
    Ec2Counters counters = world.ec2().counters();
    LowerBound bound =
        LowerBound.of(
            fleet,
            world.ec2().settings(),
            world.ec2().settings().maxCopiesInFlightPerRegion(),
            sourceRegion,
            targetRegion);

    console.printf(
        "Benchmark: %d instances x %d volumes, time scale %.0f, throttle scale %.1f, poll %d ms,"
            + " lower bound %.1f s (%s)%n",
        fleet.size(),
        settings.volumesPerInstance(),
        settings.timeScale(),
        settings.throttleScale(),
        settings.pollIntervalMs(),
        bound.seconds(),
        bound.boundBy());
    counters.reset();
    FleetRun.Measured measured = FleetRun.migrate(camel, fleet, settings.out());
    MigrationRun run = measured.run();
    Instant start = measured.start();
    Map<String, Long> calls = counters.byAction("calls");

    List<InstanceMigration> migrations = run.migrations();
    List<Double> finishes = new ArrayList<>();
    List<Long> freezes = new ArrayList<>();
    for (InstanceMigration m : migrations) {
      if (m.finishedAt() != null && m.stage() == Stage.DONE) {
        finishes.add(seconds(start, m.finishedAt()));
      }
      if (m.source() != null && m.source().running() && m.frozenMs() > 0) {
        freezes.add(m.frozenMs());
      }
    }
    finishes.sort(Comparator.naturalOrder());
    double makespan = finishes.isEmpty() ? 0 : finishes.get(finishes.size() - 1);

    Map<String, Object> migrator = new LinkedHashMap<>();
    migrator.put("done", run.count(Stage.DONE));
    // written by the write-results route with the CSV, as for every run
    migrator.put("report", run.csvFile().resolveSibling(run.runId() + ".report.html").toString());
    migrator.put("failed", run.failedCount());
    migrator.put("makespanSeconds", round(makespan));
    migrator.put("totalSecondsWithCsvAndTemplate", round(measured.wallSeconds()));
    migrator.put("lowerBound", bound(bound));
    migrator.put("makespanOverLowerBound", round(makespan / bound.seconds()));
    migrator.put("apiCalls", apiCalls(calls, fleet.size()));
    migrator.put("pollsByRegion", counters.byRegion("DescribeSnapshots", "calls"));
    migrator.put("throttled", counters.total("throttled"));
    migrator.put(
        "limitErrors",
        counters.errorsWithCode("ResourceLimitExceeded")
            + counters.errorsWithCode("ConcurrentSnapshotLimitExceeded"));
    migrator.put("freezeMs", Percentiles.of(freezes));
    migrator.put("peakHeapMiB", round(measured.peakHeapBytes() / MIB));
    migrator.put("peakHeapAfterGcMiB", round(measured.peakHeapAfterGcBytes() / MIB));
    migrator.put("peakThreads", measured.peakThreads());
    int slots = world.ec2().settings().maxCopiesInFlightPerRegion();
    CopySlotUse slotUse =
        CopySlotUse.of(
            start,
            fleet,
            world.ec2().settings(),
            slots,
            world.ec2().snapshots(sourceRegion),
            world.ec2().snapshots(targetRegion));
    migrator.put(
        "harness",
        HarnessFigures.of(measured, settings.calibration(), fleet.size())
            .with("copySlots", slotUse.figures(slots, makespan, bound.seconds())));

    Map<String, Object> sequential = baseline(camel, world, fleet, sourceRegion, targetRegion);
    double extrapolated = (double) sequential.get("extrapolatedMakespanSeconds");

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", machine());
    results.put("settings", settings(camel));
    results.put(
        "fleet",
        Map.of(
            "instances",
            fleet.size(),
            "running",
            fleet.stream().filter(SimInstance::running).count(),
            "volumes",
            fleet.stream().mapToInt(i -> i.volumes().size()).sum()));
    results.put("migrator", migrator);
    results.put("sequential", sequential);
    results.put("speedUp", round(makespan == 0 ? 0 : extrapolated / makespan));

    new BenchFiles(settings.out(), settings.volumesPerInstance())
        .write(results, migrations, start, finishes, bound.seconds(), fleet.size());
    new BenchSummary(console, settings.out()).print(results, migrator, sequential, fleet.size());
    return results;
  }

  /**
   * The calibration run: the fleet of {@code camel}'s demo world migrated, CPU-bound (the context
   * runs at {@link Calibration#CALIBRATION_SCALE}), for the CPU it took and the cores it got.
   */
  public static Calibration calibrate(CamelContext camel, Path out, int volumesPerInstance)
      throws Exception {
    Files.createDirectories(out);
    DemoWorld world = camel.getRegistry().lookupByNameAndType("demoWorld", DemoWorld.class);
    List<SimInstance> fleet = world.fleet();
    // the first hosts pay for class loading and the JIT, which the measured run has behind it
    int warmUp = Calibration.CALIBRATION_WARM_UP_HOSTS;
    List<SimInstance> measured = fleet.subList(warmUp, fleet.size());
    FleetRun.Measured first = FleetRun.migrate(camel, fleet.subList(0, warmUp), out);
    FleetRun.Measured run = FleetRun.migrate(camel, measured, out);
    long failed = first.run().failedCount() + run.run().failedCount();
    if (failed > 0) {
      throw new IllegalStateException(
          "the calibration run failed " + failed + " hosts: see " + out);
    }
    return Calibration.of(run.cpuSeconds(), run.wallSeconds(), measured.size(), volumesPerInstance);
  }

  private Map<String, Object> baseline(
      CamelContext camel,
      DemoWorld world,
      List<SimInstance> fleet,
      String sourceRegion,
      String targetRegion)
      throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    int sample = Math.min(settings.baselineSample(), fleet.size());
    out.put("sampleHosts", sample);
    if (sample == 0) {
      out.put("extrapolatedMakespanSeconds", 0.0);
      return out;
    }
    // spread over the fleet, so stopped and running hosts and volume sizes come in their share
    List<SimInstance> hosts = new ArrayList<>();
    for (int i = 0; i < sample; i++) {
      hosts.add(fleet.get((int) ((long) i * fleet.size() / sample)));
    }
    // the operator's script remounts, unless fsfreeze is what the run was told to use
    String mode =
        "fsfreeze".equals(camel.resolvePropertyPlaceholders("{{migrator.quiesce.mode}}"))
            ? "fsfreeze"
            : "remount";
    Ec2Counters counters = world.ec2().counters();
    counters.reset();
    SequentialBaseline.Timings result;
    long peakHeap;
    int peakThreads;
    try (ResourceSampler sampler = new ResourceSampler();
        ProducerTemplate producer = camel.createProducerTemplate()) {
      result =
          new SequentialBaseline(
                  producer,
                  baselineSshUri(camel),
                  camel.getRegistry().lookupByNameAndType("ec2Clients", Ec2Clients.class),
                  sourceRegion,
                  targetRegion,
                  camel.resolvePropertyPlaceholders(
                      "{{migrator.quiesce." + mode + ".freeze-command}}"),
                  camel.resolvePropertyPlaceholders(
                      "{{migrator.quiesce." + mode + ".thaw-command}}"),
                  Duration.ofMillis(settings.pollIntervalMs()))
              .run(hosts);
      peakHeap = sampler.peakHeapBytes();
      peakThreads = sampler.peakThreads();
    }
    double perHost = result.meanSecondsPerHost();
    out.put("meanSecondsPerHost", round(perHost));
    out.put("extrapolatedMakespanSeconds", round(perHost * fleet.size()));
    out.put("apiCalls", apiCalls(counters.byAction("calls"), sample));
    out.put("throttled", counters.total("throttled"));
    out.put("freezeMs", Percentiles.of(result.freezeMs()));
    out.put("peakHeapMiB", round(peakHeap / MIB));
    out.put("peakThreads", peakThreads);
    return out;
  }

  /** The camel-ssh endpoint of the baseline's one-shot commands, with the run's key and hosts. */
  private static String baselineSshUri(CamelContext camel) {
    String uri =
        "ssh:127.0.0.1:{{migrator.ssh.port}}?certResource=file:{{migrator.ssh.private-key-file}}"
            + "&clientBuilder=#sshClientBuilder";
    String knownHosts = camel.resolvePropertyPlaceholders("{{migrator.ssh.known-hosts-file}}");
    if (!knownHosts.isBlank()) {
      uri += "&knownHostsResource=file:" + knownHosts + "&failOnUnknownHost=true";
    }
    return camel.resolvePropertyPlaceholders(uri);
  }

  private Map<String, Object> settings(CamelContext camel) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("instances", settings.instances());
    out.put("volumesPerInstance", settings.volumesPerInstance());
    out.put("timeScale", settings.timeScale());
    out.put(
        "calibration", settings.calibration() == null ? "none" : settings.calibration().figures());
    out.put("throttleScale", settings.throttleScale());
    for (String key :
        List.of(
            "migrator.parallelism",
            "migrator.poll.interval",
            "migrator.copy.max-in-flight",
            "migrator.copy.slot-wait",
            "migrator.quiesce.mode",
            "migrator.demo.ec2-latency-ms",
            "migrator.rate-limit.describe",
            "migrator.rate-limit.mutating",
            "migrator.rate-limit.create-snapshots")) {
      out.put(key, camel.resolvePropertyPlaceholders("{{" + key + "}}"));
    }
    return out;
  }
}
