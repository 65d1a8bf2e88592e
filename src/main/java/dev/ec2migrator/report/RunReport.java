package dev.ec2migrator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.monitor.Downtimes;
import dev.ec2migrator.monitor.ProgressFigures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run report: one self-contained HTML page (inline CSS, JS and SVG; its content security policy
 * lets it fetch nothing) with the run's recording as JSON inside, drawn by the page's script.
 */
public final class RunReport {
  static final String TEMPLATE = "/report/run-report.html";
  static final String DATA_MARK = "/*REPORT-DATA*/";

  /** Samples beyond this many are merged (a long run samples every second for hours). */
  static final int MAX_SAMPLES = 1500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunReport() {}

  /**
   * @param recording what the run recorded
   * @param migrations the run's instances, in the recording's order, at the end of the run
   * @param figures the run's figures at the end
   * @param copyLimit copies allowed in flight per target region
   * @param simulated true for a demo-world run (the page says SIMULATED)
   */
  public static String html(
      RunRecording recording,
      List<InstanceMigration> migrations,
      ProgressFigures figures,
      int copyLimit,
      boolean simulated,
      Instant endedAt) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("run", recording.runId());
    data.put("simulated", simulated);
    data.put("source", figures.sourceFile());
    data.put("startedAt", recording.openedAt().toString());
    data.put("endedAt", endedAt.toString());
    data.put(
        "durationMs", Math.max(0, endedAt.toEpochMilli() - recording.openedAt().toEpochMilli()));
    data.put("copyLimit", copyLimit);
    data.put("stages", List.of(Stage.values()).stream().map(Stage::name).toList());
    data.put("instances", recording.instanceIds());
    List<Integer> finalStage = new ArrayList<>(migrations.size());
    List<Long> frozenMs = new ArrayList<>(migrations.size());
    List<List<String>> failures = new ArrayList<>();
    for (InstanceMigration m : migrations) {
      finalStage.add(m.stage().ordinal());
      frozenMs.add(m.frozenMs());
      if (m.isFailed()) {
        failures.add(
            List.of(
                m.instanceId(),
                m.finishedAt() == null ? "" : m.finishedAt().toString(),
                m.error() == null ? "failed" : m.error()));
      }
    }
    data.put("final", finalStage);
    data.put("frozenMs", frozenMs);
    data.put("events", recording.events());
    data.put("samples", merged(recording.samples(), MAX_SAMPLES));
    data.put("failures", failures);
    data.put("figures", figures(figures, migrations));
    return page(data);
  }

  private static Map<String, Object> figures(
      ProgressFigures f, List<InstanceMigration> migrations) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("instances", f.total());
    out.put("done", f.count(Stage.DONE));
    out.put("failed", f.count(Stage.FAILED));
    out.put(
        "volumes",
        migrations.stream()
            .mapToLong(m -> m.source() == null ? 0 : m.source().volumes().size())
            .sum());
    out.put("gibCopied", Math.round(f.bytesCopied() * 10.0 / ProgressFigures.GIB) / 10.0);
    out.put("apiCalls", f.apiTotal("calls"));
    out.put("apiThrottled", f.apiTotal("throttled"));
    out.put("apiErrors", f.apiTotal("errors"));
    out.put(
        "longestFreezeMs",
        migrations.stream().mapToLong(InstanceMigration::frozenMs).max().orElse(0));
    Downtimes downtimes = Downtimes.of(migrations);
    if (!downtimes.perHostMs().isEmpty()) {
      out.put("hostsCutOver", downtimes.perHostMs().size());
      out.put("downtimeP50Ms", downtimes.p50Ms());
      out.put("downtimeP99Ms", downtimes.p99Ms());
      out.put("downtimeMaxMs", downtimes.maxMs());
    }
    return out;
  }

  /**
   * At most {@code max} samples: consecutive ones merged, keeping the last time and counts (the
   * counts only grow) and the highest copies in flight.
   */
  static long[] merged(long[] samples, int max) {
    int n = samples.length / 4;
    if (n <= max) {
      return samples;
    }
    int per = (n + max - 1) / max;
    int out = (n + per - 1) / per;
    long[] merged = new long[out * 4];
    for (int o = 0; o < out; o++) {
      long copies = 0;
      int last = Math.min(n, (o + 1) * per) - 1;
      for (int i = o * per; i <= last; i++) {
        copies = Math.max(copies, samples[i * 4 + 1]);
      }
      merged[o * 4] = samples[last * 4];
      merged[o * 4 + 1] = copies;
      merged[o * 4 + 2] = samples[last * 4 + 2];
      merged[o * 4 + 3] = samples[last * 4 + 3];
    }
    return merged;
  }

  /** The template with the data in; '<', '>' and '&' escaped so no text can end the script. */
  static String page(Map<String, Object> data) {
    String json;
    try {
      json = JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data not serializable", e);
    }
    json =
        json.replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029");
    return template().replace(DATA_MARK, json);
  }

  private static String template() {
    try (InputStream in = RunReport.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
