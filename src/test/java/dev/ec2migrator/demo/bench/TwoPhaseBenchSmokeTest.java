package dev.ec2migrator.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2migrator.MigratorApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --two-phase} at N = 6: two warm passes, then the cutover; the figures agree with
 * each other and the lower bound is never beaten. No timing is asserted.
 */
class TwoPhaseBenchSmokeTest {

  @Test
  void warmPassesShrinkAndTheCutoverIsMeasuredAgainstItsBound(@TempDir Path out) throws Exception {
    int exit =
        MigratorApp.execute(
            "bench",
            "--two-phase",
            "--instances",
            "6",
            "--warm-passes",
            "2",
            "--out",
            out.toString());
    assertThat(exit).isZero();
    JsonNode results = new ObjectMapper().readTree(out.resolve("results-two-phase.json").toFile());
    JsonNode passes = results.get("warmPasses");
    assertThat(passes).hasSize(2);
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
}
