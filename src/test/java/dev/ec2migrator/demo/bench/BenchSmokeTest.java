package dev.ec2migrator.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2migrator.MigratorApp;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at N = 20: it runs the real pipeline to the end and its figures agree with each
 * other and with what the simulator saw. No timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeTest {
  private static final int N = 20;

  private Path out;
  private int exitCode;
  private JsonNode results;

  @BeforeAll
  void runTheBenchmark(@TempDir Path dir) throws Exception {
    out = dir;
    exitCode =
        MigratorApp.execute(
            "bench",
            "--instances",
            String.valueOf(N),
            "--volumes-per-instance",
            "2",
            "--baseline-sample",
            "2",
            "--out",
            out.toString());
    results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
  }

  @Test
  void everyInstanceIsMigratedWithTheCallsItNeedsAndNoLimitTripped() throws Exception {
    assertThat(exitCode).isZero();
    JsonNode migrator = results.get("migrator");
    assertThat(migrator.get("done").asInt()).isEqualTo(N);
    assertThat(migrator.get("failed").asInt()).isZero();
    // the benchmark's run writes the same report as any run, one lane per instance in its data
    java.nio.file.Path report = java.nio.file.Path.of(migrator.get("report").asText());
    assertThat(report).exists();
    assertThat(report.getFileName().toString()).endsWith(".report.html");
    assertThat(java.nio.file.Files.readString(report)).contains("\"instances\":[\"i-");
    JsonNode byAction = migrator.get("apiCalls").get("byAction");
    assertThat(byAction.get("CreateSnapshots").asInt()).isEqualTo(N);
    assertThat(byAction.get("CopySnapshot").asInt()).isEqualTo(2 * N);
    assertThat(byAction.get("RegisterImage").asInt()).isEqualTo(N);
    assertThat(byAction.has("CreateTags")).isFalse();
    long sum = 0;
    for (Iterator<JsonNode> it = byAction.elements(); it.hasNext(); ) {
      sum += it.next().asLong();
    }
    assertThat(migrator.get("apiCalls").get("total").asLong()).isEqualTo(sum);
    assertThat(migrator.get("apiCalls").get("perInstance").asDouble())
        .isCloseTo((double) sum / N, within(0.001));
    long polls = 0;
    for (Iterator<JsonNode> it = migrator.get("pollsByRegion").elements(); it.hasNext(); ) {
      polls += it.next().asLong();
    }
    assertThat(polls).isEqualTo(byAction.get("DescribeSnapshots").asLong());
    assertThat(migrator.get("throttled").asInt()).isZero();
    assertThat(migrator.get("limitErrors").asInt()).isZero();
  }

  @Test
  void theMakespanIsNeverBelowTheLowerBoundAndTheRatioIsTheirQuotient() {
    JsonNode migrator = results.get("migrator");
    JsonNode bound = migrator.get("lowerBound");
    double max =
        Math.max(
            bound.get("criticalPathSeconds").asDouble(),
            bound.get("copyCapacitySeconds").asDouble());
    for (Iterator<JsonNode> it = bound.get("rateLimitSeconds").elements(); it.hasNext(); ) {
      max = Math.max(max, it.next().asDouble());
    }
    assertThat(bound.get("seconds").asDouble()).isCloseTo(max, within(0.002));
    double makespan = migrator.get("makespanSeconds").asDouble();
    assertThat(makespan).isGreaterThanOrEqualTo(bound.get("seconds").asDouble());
    assertThat(migrator.get("makespanOverLowerBound").asDouble())
        .isCloseTo(makespan / bound.get("seconds").asDouble(), within(0.01));
    assertThat(migrator.get("totalSecondsWithCsvAndTemplate").asDouble())
        .isGreaterThanOrEqualTo(makespan);
  }

  @Test
  void everyRunningHostHasOneFreezeWindowAndTheResourcesAreMeasured() {
    JsonNode migrator = results.get("migrator");
    int running = results.get("fleet").get("running").asInt();
    assertThat(running).isPositive().isLessThanOrEqualTo(N);
    assertThat(results.get("fleet").get("volumes").asInt()).isEqualTo(2 * N);
    JsonNode freeze = migrator.get("freezeMs");
    assertThat(freeze.get("count").asInt()).isEqualTo(running);
    assertThat(freeze.get("p50").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(freeze.get("p99").asDouble());
    assertThat(freeze.get("p99").asDouble()).isLessThanOrEqualTo(freeze.get("max").asDouble());
    assertThat(migrator.get("peakHeapMiB").asDouble()).isPositive();
    assertThat(migrator.get("peakThreads").asInt()).isPositive();
  }

  @Test
  void theFilesAgreeWithTheFigures() throws Exception {
    List<String> hosts = Files.readAllLines(out.resolve("hosts.csv"));
    assertThat(hosts).hasSize(N + 1);
    assertThat(hosts.subList(1, hosts.size())).allMatch(line -> line.endsWith(",DONE"));

    List<String> completed = Files.readAllLines(out.resolve("hosts-completed.csv"));
    assertThat(completed.get(0)).isEqualTo("seconds,hosts_completed,lower_bound_pace");
    double previous = 0;
    for (String line : completed.subList(1, completed.size())) {
      double t = Double.parseDouble(line.split(",")[0]);
      assertThat(t).isGreaterThanOrEqualTo(previous);
      previous = t;
    }
    String[] last = completed.get(completed.size() - 1).split(",");
    assertThat(Integer.parseInt(last[1])).isEqualTo(N);
    assertThat(Double.parseDouble(last[0]))
        .isCloseTo(results.get("migrator").get("makespanSeconds").asDouble(), within(0.002));

    BufferedImage chart = ImageIO.read(out.resolve("hosts-completed.png").toFile());
    assertThat(chart.getWidth()).isEqualTo(900);
    assertThat(chart.getHeight()).isEqualTo(520);
  }

  @Test
  void theTimeScaleIsCalibratedAndTheHarnessMeasuresItsOwnCost() {
    JsonNode calibration = results.get("settings").get("calibration");
    double scale = calibration.get("timeScale").asDouble();
    // the calibration run's own figures pick the scale: within the clamp, a multiple of 50
    assertThat(scale).isBetween(250.0, 5000.0);
    assertThat(scale % 50).isZero();
    assertThat(results.get("settings").get("timeScale").asDouble()).isEqualTo(scale);
    assertThat(calibration.get("cpuSecondsPerHost").asDouble()).isPositive();
    assertThat(calibration.get("cores").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(results.get("machine").get("cores").asDouble() + 0.05);
    // the migrator polls every 300 simulated seconds whatever the scale
    assertThat(Long.parseLong(results.get("settings").get("migrator.poll.interval").asText()))
        .isEqualTo(Math.round(300_000 / scale));

    JsonNode harness = results.get("migrator").get("harness");
    assertThat(harness.get("cpuSeconds").asDouble()).isPositive();
    assertThat(harness.get("cpuSecondsPerHost").asDouble())
        .isCloseTo(harness.get("cpuSeconds").asDouble() / N, within(0.002));
    assertThat(harness.get("saturatedSeconds").asInt())
        .isLessThanOrEqualTo(harness.get("seconds").asInt());
    // the simulator saw every copy; slots idle while one waited cost no more than the gap
    JsonNode slots = harness.get("copySlots");
    assertThat(slots.get("copies").asInt()).isEqualTo(2 * N);
    double makespan = results.get("migrator").get("makespanSeconds").asDouble();
    double bound = results.get("migrator").get("lowerBound").get("seconds").asDouble();
    assertThat(slots.get("firstCopySeconds").asDouble())
        .isGreaterThanOrEqualTo(slots.get("firstSnapshotReadySeconds").asDouble());
    assertThat(slots.get("lastCopyEndSeconds").asDouble()).isLessThanOrEqualTo(makespan + 0.01);
    assertThat(slots.get("secondsLost").asDouble()).isBetween(0.0, makespan);
    assertThat(bound).isPositive();
  }

  @Test
  void theSequentialSampleIsMeasuredAndExtrapolated() {
    JsonNode sequential = results.get("sequential");
    assertThat(sequential.get("sampleHosts").asInt()).isEqualTo(2);
    JsonNode byAction = sequential.get("apiCalls").get("byAction");
    assertThat(byAction.get("CreateSnapshots").asInt()).isEqualTo(2);
    assertThat(byAction.get("CopySnapshot").asInt()).isEqualTo(4);
    assertThat(byAction.get("DescribeSnapshots").asInt()).isGreaterThanOrEqualTo(4);
    double perHost = sequential.get("meanSecondsPerHost").asDouble();
    assertThat(sequential.get("extrapolatedMakespanSeconds").asDouble())
        .isCloseTo(perHost * N, within(0.01 * N));
    assertThat(results.get("speedUp").asDouble())
        .isCloseTo(
            sequential.get("extrapolatedMakespanSeconds").asDouble()
                / results.get("migrator").get("makespanSeconds").asDouble(),
            within(0.01));
    assertThat(results.get("settings").get("instances").asInt()).isEqualTo(N);
    assertThat(results.get("machine").get("cores").asInt()).isPositive();
  }
}
