package dev.ec2migrator.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2migrator.MigratorApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --two-phase} at N = 6: two warm passes (and two more while a pass is longer than
 * --sync-until-hours, here always), then the cutover; the figures agree with each other and the
 * lower bound is never beaten. As waves of 3: each wave synced and cut over in turn, every host in
 * exactly one wave. No timing is asserted.
 */
class TwoPhaseBenchSmokeTest {

  @Test
  void warmPassesShrinkAndTheCutoverIsMeasuredAgainstItsBound(@TempDir Path out) throws Exception {
    JsonNode results = twoPhaseBench(out, "--sync-until-hours", "0.001");
    JsonNode passes = results.get("warmPasses");
    assertThat(passes).as("at most twice --warm-passes").hasSize(4);
    assertThat(passes.get(3).get("copiedGib").asDouble())
        .isLessThan(passes.get(1).get("copiedGib").asDouble());
    // the second pass carries only what changed since the first: far less than the volumes
    assertThat(passes.get(1).get("copiedGib").asDouble())
        .isPositive()
        .isLessThan(passes.get(0).get("copiedGib").asDouble() / 2);
    JsonNode cutover = results.get("cutover");
    assertThat(cutover.get("failed").asInt()).isZero();
    int hosts = cutover.get("hosts").asInt();
    assertThat(hosts).isPositive().isLessThanOrEqualTo(6);
    assertThat(results.get("singlePassDowntimeSeconds").get("count").asInt()).isEqualTo(hosts);
    double bound = cutover.get("lowerBoundSeconds").asDouble();
    assertThat(bound).isPositive();
    assertThat(cutover.get("simulatedSeconds").asDouble()).isGreaterThanOrEqualTo(bound);
    // a host down from its stop to its image, well short of a full snapshot and copy
    JsonNode downtime = cutover.get("downtimeSeconds");
    assertThat(downtime.get("max").asDouble())
        .isLessThanOrEqualTo(cutover.get("simulatedSeconds").asDouble() + 1)
        .isLessThan(results.get("singlePassDowntimeSeconds").get("p50").asDouble());
  }

  @Test
  void wavesAreSyncedAndCutOverInTurnEachHostInOneWave(@TempDir Path out) throws Exception {
    // a faster clock than the default 2000x keeps the two waves' passes short; no figure is timed
    JsonNode results = twoPhaseBench(out, "--wave-size", "3", "--time-scale", "4000");
    JsonNode waves = results.get("waves");
    assertThat(waves).hasSize(2);
    List<String> hosts = new ArrayList<>();
    Set<String> syncRuns = new HashSet<>();
    int downtimes = 0;
    double warmHours = 0;
    for (JsonNode wave : waves) {
      wave.get("hostIds").forEach(id -> hosts.add(id.asText()));
      syncRuns.add(wave.get("syncRun").asText());
      assertThat(wave.get("warmPasses")).hasSize(2);
      assertThat(wave.get("warmPasses").get(1).get("copiedGib").asDouble())
          .isPositive()
          .isLessThan(wave.get("warmPasses").get(0).get("copiedGib").asDouble() / 2);
      warmHours += wave.get("warmSimulatedHours").asDouble();
      JsonNode cutover = wave.get("cutover");
      assertThat(cutover.get("failed").asInt()).isZero();
      double bound = cutover.get("lowerBoundSeconds").asDouble();
      assertThat(bound).isPositive();
      assertThat(cutover.get("overLowerBound").asDouble()).isGreaterThanOrEqualTo(1);
      JsonNode downtime = cutover.get("downtimeSeconds");
      // every running host of the wave has a downtime, and a single-pass one to compare with
      assertThat(downtime.get("count").asInt())
          .isEqualTo(wave.get("singlePassDowntimeSeconds").get("count").asInt());
      if (downtime.get("count").asInt() > 0) {
        assertThat(downtime.get("p50").asDouble()).isPositive();
        assertThat(downtime.get("max").asDouble())
            .isLessThanOrEqualTo(cutover.get("simulatedSeconds").asDouble() + 1);
      }
      downtimes += downtime.get("count").asInt();
    }
    // each host in exactly one wave, each wave its own sync run
    assertThat(hosts).hasSize(6).doesNotHaveDuplicates();
    assertThat(syncRuns).hasSize(2);
    JsonNode totals = results.get("totals");
    assertThat(totals.get("wavesDone").asInt()).isEqualTo(2);
    assertThat(totals.get("failed").asInt()).isZero();
    assertThat(totals.get("twoPhaseDowntimeSeconds").get("count").asInt())
        .isEqualTo(downtimes)
        .isPositive();
    assertThat(totals.get("singlePassDowntimeSeconds").get("count").asInt()).isEqualTo(downtimes);
    assertThat(totals.get("twoPhaseDowntimeSeconds").get("max").asDouble())
        .isLessThan(totals.get("singlePassDowntimeSeconds").get("p50").asDouble());
    assertThat(totals.get("warmSimulatedHours").asDouble()).isCloseTo(warmHours, within(0.01));
  }

  /** {@code bench --two-phase} of 6 hosts with 2 warm passes (and the options given): its JSON. */
  private static JsonNode twoPhaseBench(Path out, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "--two-phase",
                "--instances",
                "6",
                "--warm-passes",
                "2",
                "--out",
                out.toString()));
    args.addAll(List.of(options));
    assertThat(MigratorApp.execute(args.toArray(String[]::new))).isZero();
    return new ObjectMapper().readTree(out.resolve("results-two-phase.json").toFile());
  }
}
