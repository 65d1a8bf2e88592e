package dev.ec2migrator.demo.bench;

import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.run.MigrationRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** One migration of a fleet through {@code direct:migrate-list}, as {@code migrate} runs it. */
final class FleetRun {

  /**
   * @param run what the migrator reports
   * @param start when the list was handed over
   * @param nanos until the route answered (CSV and template written)
   */
  record Measured(
      MigrationRun run,
      Instant start,
      long nanos,
      long peakHeapBytes,
      long peakHeapAfterGcBytes,
      int peakThreads,
      double cpuSeconds,
      double gcSeconds,
      List<Double> coresPerSecond) {

    double wallSeconds() {
      return nanos / 1e9;
    }
  }

  private FleetRun() {}

  /** The instance list of a fleet, as an operator hands it over. */
  static String list(List<SimInstance> fleet) {
    StringBuilder list = new StringBuilder("instance_id\n");
    fleet.forEach(i -> list.append(i.instanceId()).append('\n'));
    return list.toString();
  }

  /** Migrates the whole fleet, its list written under {@code out}. */
  static Measured migrate(CamelContext camel, List<SimInstance> fleet, Path out) throws Exception {
    Path listFile = out.resolve("bench-instances.csv");
    Files.writeString(listFile, list(fleet), StandardCharsets.UTF_8);
    try (ResourceSampler sampler = new ResourceSampler();
        ProducerTemplate producer = camel.createProducerTemplate()) {
      Instant start = Instant.now();
      long t0 = System.nanoTime();
      MigrationRun run =
          producer.requestBodyAndHeaders(
              "direct:migrate-list",
              Files.readAllBytes(listFile),
              Map.of("migratorSource", listFile.toAbsolutePath().toString()),
              MigrationRun.class);
      long nanos = System.nanoTime() - t0;
      return new Measured(
          run,
          start,
          nanos,
          sampler.peakHeapBytes(),
          sampler.peakHeapAfterGcBytes(),
          sampler.peakThreads(),
          sampler.cpuSeconds(),
          sampler.gcSeconds(),
          sampler.coresPerSecond());
    }
  }
}
