package dev.ec2migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** quiesce.on-failure=crash-consistent: a host that cannot be quiesced is still migrated. */
class CrashConsistentFallbackTest extends PipelineTestSupport {
  private static final String BUSY = "i-d1789ea98a553ee88";

  @Override
  protected Map<String, String> overrides() {
    return Map.of("migrator.quiesce.on-failure", "crash-consistent");
  }

  @Test
  void theBusyHostIsSnapshottedCrashConsistentAndSaysSo() throws Exception {
    MigrationRun run = migrate("busy.txt", BUSY + "\ni-ff3c7a3b84befb092\n");

    List<Map<String, String>> rows = readCsv(run.csvFile());
    assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("MIGRATED"));
    assertThat(rows)
        .filteredOn(r -> r.get("source_instance_id").equals(BUSY))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("error")).contains("crash-consistent").contains("busy");
              assertThat(r.get("frozen_ms")).isEqualTo("0");
            });
    assertThat(world().ssh().quiescedHosts()).isEmpty();
  }
}
