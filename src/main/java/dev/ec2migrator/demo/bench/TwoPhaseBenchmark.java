package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ec2migrator.cutover.CutoverAdmission;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.SimInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * The two-phase benchmark: warm {@code sync} passes of a wave while its hosts run, then its {@code
 * cutover}, against the single-pass downtime of the same hosts. Everything is in simulated AWS
 * time. The single-pass downtime of a host is what its first sync pass took from its
 * CreateSnapshots to its last copy complete: a one-pass migration that must keep the host stopped
 * for that long so that nothing written after the snapshot is lost. Without a wave size the whole
 * fleet is one wave; with one, the fleet is migrated as an operator migrates a fleet whose writes
 * exceed the copy capacity: wave after wave, each its own list synced and then cut over ({@link
 * TwoPhaseWave}). The figures come from the simulator's records ({@link TwoPhaseRecords}).
 */
public final class TwoPhaseBenchmark {

  /**
   * @param warmPasses sync passes of each wave before its cutover (at least)
   * @param syncUntilHours more passes, up to twice warmPasses, while the last took longer
   *     (simulated hours); null: exactly warmPasses
   * @param cutoverClockRate the clock's rate during the cutover (1 = the time scale)
   * @param waveSize hosts per wave, in fleet order; null: the whole fleet is one wave
   */
  public record Settings(
      double timeScale,
      int warmPasses,
      Double syncUntilHours,
      double cutoverClockRate,
      long pollIntervalMs,
      Path out,
      Integer waveSize) {}

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
    TwoPhaseRecords records =
        new TwoPhaseRecords(world.ec2(), source, target, settings.timeScale());
    TwoPhaseWave waveRun =
        new TwoPhaseWave(
            settings,
            world.ec2(),
            records,
            console,
            camel.getRegistry().lookupByNameAndType("cutoverAdmission", CutoverAdmission.class));
    List<SimInstance> fleet = world.fleet();
    Set<String> running = new HashSet<>();
    fleet.stream().filter(SimInstance::running).forEach(i -> running.add(i.instanceId()));
    List<List<SimInstance>> waves = waves(fleet);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", BenchFigures.machine());
    results.put("settings", settings);
    results.put("hosts", fleet.size());
    List<Map<String, Object>> waveFigures = new ArrayList<>();
    List<Double> singlePass = new ArrayList<>();
    List<Double> twoPhase = new ArrayList<>();
    double warmHours = 0;
    double cutoverSeconds = 0;
    long failed = 0;
    long wall0 = System.nanoTime();
    try (ResourceSampler sampler = new ResourceSampler();
        ProducerTemplate producer = camel.createProducerTemplate()) {
      for (int w = 0; w < waves.size(); w++) {
        String listName =
            waves.size() == 1
                ? "two-phase-bench.csv"
                : String.format("two-phase-bench-wave-%02d.csv", w + 1);
        TwoPhaseWave.WaveOutcome wave = waveRun.run(producer, listName, waves.get(w), running);
        singlePass.addAll(wave.singlePassDowntimes());
        twoPhase.addAll(wave.twoPhaseDowntimes());
        warmHours += wave.warmHours();
        failed += wave.failed();
        @SuppressWarnings("unchecked")
        Map<String, Object> cutover = (Map<String, Object>) wave.figures().get("cutover");
        cutoverSeconds += ((Number) cutover.get("simulatedSeconds")).doubleValue();
        if (settings.waveSize() == null) {
          // one wave: its figures are the results' own, as before waves
          wave.figures().remove("hostIds");
          wave.figures().remove("syncRun");
          results.putAll(wave.figures());
        } else {
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("wave", w + 1);
          figures.putAll(wave.figures());
          waveFigures.add(figures);
          results.put("waves", waveFigures);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("wavesDone", w + 1);
        totals.put("waves", waves.size());
        totals.put("failed", failed);
        totals.put("singlePassDowntimeSeconds", Percentiles.of(singlePass));
        totals.put("twoPhaseDowntimeSeconds", Percentiles.of(twoPhase));
        totals.put("warmSimulatedHours", round(warmHours));
        totals.put("cutoverSimulatedSeconds", round(cutoverSeconds));
        totals.put("wallSeconds", round((System.nanoTime() - wall0) / 1e9));
        totals.put("peakHeapMiB", round(sampler.peakHeapBytes() / BenchFigures.MIB));
        totals.put("peakHeapAfterGcMiB", round(sampler.peakHeapAfterGcBytes() / BenchFigures.MIB));
        results.put("totals", totals);
        // written after every wave: a long run's figures so far are never lost
        write(results);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> totals = (Map<String, Object>) results.get("totals");
    console.printf(
        "%d hosts in %d wave(s): single-pass downtime (s) %s%nTwo-phase downtime (s): %s%n"
            + "Warm passes %.1f simulated hours, cutovers %.0f simulated s, wall %.0f s, heap peak"
            + " %.0f MiB (%.0f after GC)%n",
        fleet.size(),
        waves.size(),
        totals.get("singlePassDowntimeSeconds"),
        totals.get("twoPhaseDowntimeSeconds"),
        warmHours,
        cutoverSeconds,
        totals.get("wallSeconds"),
        totals.get("peakHeapMiB"),
        totals.get("peakHeapAfterGcMiB"));
    console.println("Results in " + settings.out().toAbsolutePath());
    return results;
  }

  /** The fleet in waves of the wave size, in fleet order (one wave without a size). */
  private List<List<SimInstance>> waves(List<SimInstance> fleet) {
    int size = settings.waveSize() == null ? fleet.size() : settings.waveSize();
    List<List<SimInstance>> waves = new ArrayList<>();
    for (int from = 0; from < fleet.size(); from += size) {
      waves.add(List.copyOf(fleet.subList(from, Math.min(fleet.size(), from + size))));
    }
    return waves;
  }

  private void write(Map<String, Object> results) throws IOException {
    Path file = settings.out().resolve("results-two-phase.json");
    Path partial = settings.out().resolve("results-two-phase.json.part");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(partial.toFile(), results);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
