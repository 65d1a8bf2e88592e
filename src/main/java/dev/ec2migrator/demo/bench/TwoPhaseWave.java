package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import dev.ec2migrator.cutover.CutoverAdmission;
import dev.ec2migrator.demo.ec2.Ec2Simulator;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.run.MigrationRun;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ProducerTemplate;

/**
 * One wave as an operator runs it: its own instance list synced {@code warmPasses} times (its own
 * sync run, {@code sync wave.csv} repeated) while its hosts run, and with {@code syncUntilHours}
 * again while its last pass took longer than that (a wave that writes more needs more passes to
 * come down to the same pass), then the cutover of that sync run. The clock per pass follows {@link
 * Calibration}'s rule within the wave: the first (bulk) pass at the time scale, each later pass
 * slowed so that the harness needs about half a core, measured on the pass before; the cutover at
 * most at {@code cutoverClockRate}.
 */
final class TwoPhaseWave {

  /** The fleet's volumes per host (--two-phase: 2 of 100-500 GiB). */
  static final int VOLUMES_PER_HOST = 2;

  /** The slowest the clock goes: 1/50 of the time scale. */
  static final double MIN_CLOCK_RATE = 0.02;

  /**
   * A wave's figures (as results-two-phase.json holds them) and its hosts' downtimes in simulated
   * seconds, for the fleet's percentiles.
   */
  record WaveOutcome(
      Map<String, Object> figures,
      List<Double> singlePassDowntimes,
      List<Double> twoPhaseDowntimes,
      double warmHours,
      long failed) {}

  private final TwoPhaseBenchmark.Settings settings;
  private final Ec2Simulator ec2;
  private final TwoPhaseRecords records;
  private final PrintStream console;
  private final CutoverAdmission admission;

  TwoPhaseWave(
      TwoPhaseBenchmark.Settings settings,
      Ec2Simulator ec2,
      TwoPhaseRecords records,
      PrintStream console,
      CutoverAdmission admission) {
    this.admission = admission;
    this.settings = settings;
    this.ec2 = ec2;
    this.records = records;
    this.console = console;
  }

  /**
   * @param listName the wave's list file name (its stem names the sync run)
   * @param hosts the wave's hosts
   * @param running the fleet's hosts running at the start: the only ones with a downtime
   */
  WaveOutcome run(
      ProducerTemplate producer, String listName, List<SimInstance> hosts, Set<String> running) {
    long wall0 = System.nanoTime();
    byte[] list = FleetRun.list(hosts).getBytes(StandardCharsets.UTF_8);
    List<Map<String, Object>> passes = new ArrayList<>();
    String syncRun = null;
    List<Double> singlePass = new ArrayList<>();
    double warmHours = 0;
    double warmGib = 0;
    long failed = 0;
    double rate = 1;
    double lastHours = Double.MAX_VALUE;
    for (int pass = 1; morePasses(pass, lastHours); pass++) {
      ec2.clockRate(rate);
      Instant t0 = ec2.now();
      double cpu0 = cpuSeconds();
      MigrationRun run =
          producer.requestBodyAndHeaders(
              "direct:sync-list", list, Map.of("migratorSource", listName), MigrationRun.class);
      double hours = records.simSeconds(t0, ec2.now()) / 3600;
      lastHours = hours;
      if (syncRun == null) {
        syncRun = run.runId().substring(0, run.runId().lastIndexOf("-p"));
        // a stopped host has no downtime in either way: compare the running ones
        records.singlePassDowntimes(syncRun).entrySet().stream()
            .filter(e -> running.contains(e.getKey()))
            .forEach(e -> singlePass.add(e.getValue()));
      }
      double gib = records.copiedGib(syncRun, pass);
      double cpu = cpuSeconds() - cpu0;
      warmHours += hours;
      warmGib += gib;
      failed += run.failedCount();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pass", pass);
      p.put("clockRate", round(rate));
      p.put("harnessCpuSeconds", round(cpu));
      p.put("simulatedHours", round(hours));
      p.put("copiedGib", round(gib));
      p.put("failed", run.failedCount());
      passes.add(p);
      console.printf(
          "%s sync pass %d: %.2f simulated hours, %.0f GiB copied, %d failed%n",
          listName, pass, hours, gib, run.failedCount());
      rate = nextClockRate(gib, hosts.size(), cpu, ec2.settings());
    }
    double cutoverRate = Math.min(rate, settings.cutoverClockRate());
    ec2.clockRate(cutoverRate);
    admission.clearWaits();
    Instant c0 = ec2.now();
    Map<String, Object> headers = new HashMap<>();
    headers.put("migratorSyncRun", syncRun);
    headers.put("migratorSource", listName);
    headers.put("migratorDeploy", false);
    MigrationRun cut =
        producer.requestBodyAndHeaders("direct:cutover-list", null, headers, MigrationRun.class);
    double cutoverSeconds = records.simSeconds(c0, ec2.now());
    ec2.clockRate(1);
    List<Double> downtimes = new ArrayList<>();
    for (InstanceMigration m : cut.migrations()) {
      if (m.downtimeMs() >= 0) {
        // the migrator's clock is real time: the clock's rate and the scale make it simulated
        downtimes.add(m.downtimeMs() / 1000.0 * settings.timeScale() * cutoverRate);
      }
    }
    failed += cut.failedCount();
    CutoverFigures against =
        records.cutoverFigures(
            syncRun,
            hosts,
            c0,
            cutoverSeconds,
            admission,
            settings.timeScale() * cutoverRate / 1000);
    double bound = against.bound().fullSeconds();
    Map<String, Object> cutover = new LinkedHashMap<>();
    cutover.put("clockRate", round(cutoverRate));
    cutover.put("hosts", downtimes.size());
    cutover.put("failed", cut.failedCount());
    cutover.put("simulatedSeconds", round(cutoverSeconds));
    cutover.putAll(against.figures());
    cutover.put("copiedGib", round(records.cutoverCopiedGib(syncRun)));
    cutover.put("downtimeSeconds", Percentiles.of(downtimes));
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("syncRun", syncRun);
    figures.put("hosts", hosts.size());
    figures.put("hostIds", hosts.stream().map(SimInstance::instanceId).toList());
    figures.put("singlePassDowntimeSeconds", Percentiles.of(singlePass));
    figures.put("warmPasses", passes);
    figures.put("warmSimulatedHours", round(warmHours));
    figures.put("warmCopiedGib", round(warmGib));
    figures.put("cutover", cutover);
    figures.put("wallSeconds", round((System.nanoTime() - wall0) / 1e9));
    console.printf(
        "%s: single-pass downtime (s) %s; two-phase downtime (s) %s; cutover of %d hosts %.0f s,"
            + " lower bound %.0f s, ratio %.3f%n",
        listName,
        Percentiles.of(singlePass),
        Percentiles.of(downtimes),
        downtimes.size(),
        cutoverSeconds,
        bound,
        cutoverSeconds / bound);
    console.println(against.line(cutoverSeconds, ec2.settings().maxCopiesInFlightPerRegion()));
    return new WaveOutcome(figures, singlePass, downtimes, warmHours, failed);
  }

  private boolean morePasses(int pass, double lastHours) {
    if (pass <= settings.warmPasses()) {
      return true;
    }
    return settings.syncUntilHours() != null
        && pass <= 2 * settings.warmPasses()
        && lastHours > settings.syncUntilHours();
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
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }
}
