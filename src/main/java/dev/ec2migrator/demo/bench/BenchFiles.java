package dev.ec2migrator.demo.bench;

import static dev.ec2migrator.demo.bench.BenchFigures.round;
import static dev.ec2migrator.demo.bench.BenchFigures.seconds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ec2migrator.model.InstanceMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes a benchmark's files: results.json, hosts.csv, hosts-completed.csv and its chart. */
final class BenchFiles {
  private final Path out;
  private final int volumesPerInstance;

  BenchFiles(Path out, int volumesPerInstance) {
    this.out = out;
    this.volumesPerInstance = volumesPerInstance;
  }

  void write(
      Map<String, Object> results,
      List<InstanceMigration> migrations,
      Instant start,
      List<Double> finishes,
      double lowerBound,
      int hosts)
      throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("results.json").toFile(), results);

    StringBuilder perHost =
        new StringBuilder("instance_id,state,volumes,started_s,finished_s,frozen_ms,status\n");
    for (InstanceMigration m : migrations) {
      perHost
          .append(m.instanceId())
          .append(',')
          .append(m.source() == null ? "" : m.source().state())
          .append(',')
          .append(m.source() == null ? 0 : m.source().volumes().size())
          .append(',')
          .append(m.startedAt() == null ? "" : round(seconds(start, m.startedAt())))
          .append(',')
          .append(m.finishedAt() == null ? "" : round(seconds(start, m.finishedAt())))
          .append(',')
          .append(m.frozenMs())
          .append(',')
          .append(m.stage())
          .append('\n');
    }
    Files.writeString(out.resolve("hosts.csv"), perHost, StandardCharsets.UTF_8);

    StringBuilder completed = new StringBuilder("seconds,hosts_completed,lower_bound_pace\n");
    completed.append("0,0,0\n");
    for (int i = 0; i < finishes.size(); i++) {
      double t = finishes.get(i);
      completed
          .append(round(t))
          .append(',')
          .append(i + 1)
          .append(',')
          .append(Math.min(hosts, Math.round(hosts * t / lowerBound)))
          .append('\n');
    }
    Files.writeString(out.resolve("hosts-completed.csv"), completed, StandardCharsets.UTF_8);
    HostsChart.write(
        out.resolve("hosts-completed.png"),
        String.format(
            "%d hosts x %d volumes: hosts completed against the lower bound",
            hosts, volumesPerInstance),
        finishes,
        lowerBound);
  }
}
