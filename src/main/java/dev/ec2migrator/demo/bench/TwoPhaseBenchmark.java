package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.cutover.CutoverAdmission;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.run.MigrationRun;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * The two-phase benchmark: warm {@code sync} passes of a wave while its hosts run, then its {@code
 * cutover}, against the single-pass downtime of the same hosts. Everything is in simulated AWS
 * time. The single-pass downtime of a host is what its first sync pass took from its
 * CreateSnapshots to its last copy complete: a one-pass migration that must keep the host stopped
 * for that long so that nothing written after the snapshot is lost. The harness's own CPU per host
 * is about the same whether a pass carries a volume or a few GiB of changes, so after the first
 * (bulk) pass the simulator's clock is slowed for each pass by {@link Calibration}'s rule (the
 * harness may need half a core, measured on the pass before), and at most {@code cutoverClockRate}
 * for the cutover: downtimes of minutes are measured with the harness's delays weighing little in
 * them. The cutover's lower bound is {@link CutoverBound} (catch-up, stop and final pass, from the
 * data each snapshot and copy carried).
 *
 * <p>Over 250 lines: the phases, their clock and the figures read from the simulator's records
 * belong together, as one experiment.
 */
public final class TwoPhaseBenchmark {

  /** The fleet's volumes per host (--two-phase: 2 of 100-500 GiB). */
  static final int VOLUMES_PER_HOST = 2;

  /** The slowest the clock goes: 1/50 of the time scale. */
  static final double MIN_CLOCK_RATE = 0.02;

  /**
   * @param warmPasses sync passes before the cutover
   * @param cutoverClockRate the clock's rate during the cutover (1 = the time scale)
   */
  public record Settings(
      double timeScale, int warmPasses, double cutoverClockRate, long pollIntervalMs, Path out) {}

  private final Settings settings;
  private final PrintStream console;

  public TwoPhaseBenchmark(Settings settings, PrintStream console) {
    this.settings = settings;
    this.console = console;
  }

  public Map<String, Object> run(CamelContext camel) throws Exception {
    Files.createDirectories(settings.out());
    DemoWorld world = camel.getRegistry().lookupByNameAndType("demoWorld", DemoWorld.class);
    String source = camel.resolvePropertyPlaceholders("{{migrator.source-region}}");
    String target = camel.resolvePropertyPlaceholders("{{migrator.target-region}}");
    Ec2SimulatorSettings sim = world.ec2().settings();
    List<SimInstance> fleet = world.fleet();
    byte[] listBytes = FleetRun.list(fleet).getBytes(StandardCharsets.UTF_8);
    java.util.Set<String> running = new java.util.HashSet<>();
    fleet.stream().filter(SimInstance::running).forEach(i -> running.add(i.instanceId()));

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", BenchFigures.machine());
    results.put("settings", settings);
    List<Map<String, Object>> passes = new ArrayList<>();
    String syncRun = null;
    Map<String, Double> singlePass = null;
    try (ProducerTemplate producer = camel.createProducerTemplate()) {
      double rate = 1;
      for (int pass = 1; pass <= settings.warmPasses(); pass++) {
        world.ec2().clockRate(rate);
        Instant t0 = world.ec2().now();
        double cpu0 = cpuSeconds();
        MigrationRun run =
            producer.requestBodyAndHeaders(
                "direct:sync-list",
                listBytes,
                Map.of("migratorSource", "two-phase-bench.csv"),
                MigrationRun.class);
        double hours = simSeconds(t0, world.ec2().now()) / 3600;
        if (syncRun == null) {
          syncRun = run.runId().substring(0, run.runId().lastIndexOf("-p"));
          singlePass = singlePassDowntimes(world, source, target, syncRun, sim);
          // a stopped host has no downtime in either way: compare the running ones
          singlePass.keySet().retainAll(running);
        }
        double gib = copiedGib(world.ec2().snapshots(target), syncRun, String.valueOf(pass));
        double cpu = cpuSeconds() - cpu0;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pass", pass);
        p.put("clockRate", round(rate));
        p.put("harnessCpuSeconds", round(cpu));
        p.put("simulatedHours", round(hours));
        p.put("copiedGib", round(gib));
        p.put("failed", run.failedCount());
        passes.add(p);
        console.printf(
            "Sync pass %d: %.2f simulated hours, %.0f GiB copied, %d failed%n",
            pass, hours, gib, run.failedCount());
        rate = nextClockRate(gib, fleet.size(), cpu, sim);
      }
      double cutoverRate = Math.min(rate, settings.cutoverClockRate());
      world.ec2().clockRate(cutoverRate);
      Instant c0 = world.ec2().now();
      Map<String, Object> headers = new HashMap<>();
      headers.put("migratorSyncRun", syncRun);
      headers.put("migratorSource", "two-phase-bench-wave.csv");
      headers.put("migratorDeploy", false);
      MigrationRun cut =
          producer.requestBodyAndHeaders("direct:cutover-list", null, headers, MigrationRun.class);
      double cutoverSeconds = simSeconds(c0, world.ec2().now());
      world.ec2().clockRate(1);
      List<Double> downtimes = new ArrayList<>();
      for (InstanceMigration m : cut.migrations()) {
        if (m.downtimeMs() >= 0) {
          // the migrator's clock is real time: the rate and the scale make it simulated
          downtimes.add(
              m.downtimeMs() / 1000.0 * settings.timeScale() * settings.cutoverClockRate());
        }
      }
      List<SimSnapshot> finalCopies = new ArrayList<>();
      for (SimSnapshot s : world.ec2().snapshots(target)) {
        if (isCutover(s, syncRun)) {
          finalCopies.add(s);
        }
      }
      CutoverFigures figures =
          CutoverFigures.read(
              world.ec2(),
              fleet,
              source,
              target,
              syncRun,
              c0,
              cutoverSeconds,
              camel.getRegistry().lookupByNameAndType("cutoverAdmission", CutoverAdmission.class),
              settings.timeScale() * settings.cutoverClockRate() / 1000);
      double bound = figures.bound().fullSeconds();
      Map<String, Object> cutover = new LinkedHashMap<>();
      cutover.put("clockRate", round(cutoverRate));
      cutover.put("hosts", downtimes.size());
      cutover.put("failed", cut.failedCount());
      cutover.put("simulatedSeconds", round(cutoverSeconds));
      cutover.putAll(figures.figures());
      cutover.put("copiedGib", round(finalCopies.stream().mapToDouble(SimSnapshot::dataGib).sum()));
      cutover.put("downtimeSeconds", Percentiles.of(downtimes));
      results.put("hosts", fleet.size());
      results.put("singlePassDowntimeSeconds", Percentiles.of(singlePass.values()));
      results.put("warmPasses", passes);
      results.put("cutover", cutover);
      console.printf(
          "Single-pass downtime (s): %s%nTwo-phase downtime (s): %s%nCutover of %d hosts: %.0f s,"
              + " lower bound %.0f s, ratio %.3f%n",
          Percentiles.of(singlePass.values()),
          Percentiles.of(downtimes),
          downtimes.size(),
          cutoverSeconds,
          bound,
          cutoverSeconds / bound);
      console.println(figures.line(cutoverSeconds, sim.maxCopiesInFlightPerRegion()));
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(settings.out().resolve("results-two-phase.json").toFile(), results);
    console.println("Results in " + settings.out().toAbsolutePath());
    return results;
  }

  /**
   * The calibration's rule for the next pass: the harness may need half a core. The next pass is
   * expected to carry about what this one did; its copy-slot time per host over twice the harness
   * CPU per host of this pass is the scale it may run at, as a rate of the time scale.
   */
  private double nextClockRate(
      double copiedGib, int hosts, double cpuSeconds, Ec2SimulatorSettings sim) {
    int volumes = sim.maxCopiesInFlightPerRegion();
    double copySeconds =
        sim.copyDurationCarrying(copiedGib / Math.max(1, VOLUMES_PER_HOST * hosts)).toNanos()
            / 1e9
            * settings.timeScale();
    double slotSecondsPerHost = VOLUMES_PER_HOST * copySeconds / volumes;
    double realSecondsPerHost = 2 * cpuSeconds / Math.max(1, hosts);
    double scale = slotSecondsPerHost / Math.max(1e-3, realSecondsPerHost);
    return Math.max(MIN_CLOCK_RATE, Math.min(1, scale / settings.timeScale()));
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private double simSeconds(Instant from, Instant to) {
    // the simulator's instants advance at the time scale's pace (times its clock rate)
    return Duration.between(from, to).toNanos() / 1e9 * settings.timeScale();
  }

  private static boolean isCutover(SimSnapshot s, String syncRun) {
    return syncRun.equals(s.tags().get(MigrationTags.SYNC_RUN))
        && "cutover".equals(s.tags().get(MigrationTags.PHASE));
  }

  /** Per host, pass 1's first CreateSnapshots to its last copy complete, simulated seconds. */
  private Map<String, Double> singlePassDowntimes(
      DemoWorld world, String source, String target, String syncRun, Ec2SimulatorSettings sim) {
    Map<String, Instant> snapshotAt = new HashMap<>();
    Map<String, String> hostOfSnapshot = new HashMap<>();
    for (SimSnapshot s : world.ec2().snapshots(source)) {
      if (syncRun.equals(s.tags().get(MigrationTags.SYNC_RUN))
          && "1".equals(s.tags().get(MigrationTags.PASS))) {
        String host = s.tags().get(MigrationTags.SOURCE_INSTANCE);
        hostOfSnapshot.put(s.snapshotId(), host);
        snapshotAt.merge(host, s.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Map<String, Instant> copiedAt = new HashMap<>();
    for (SimSnapshot c : world.ec2().snapshots(target)) {
      String host = hostOfSnapshot.get(c.sourceSnapshotId());
      if (host != null) {
        Instant done = c.createdAt().plus(sim.copyDurationCarrying(c.dataGib()));
        copiedAt.merge(host, done, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    Map<String, Double> out = new HashMap<>();
    copiedAt.forEach((host, done) -> out.put(host, simSeconds(snapshotAt.get(host), done)));
    return out;
  }

  private static double copiedGib(List<SimSnapshot> copies, String syncRun, String pass) {
    return copies.stream()
        .filter(c -> syncRun.equals(c.tags().get(MigrationTags.SYNC_RUN)))
        .filter(c -> pass.equals(c.tags().get(MigrationTags.PASS)))
        .mapToDouble(SimSnapshot::dataGib)
        .sum();
  }
}
