package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.run.MigrationRun;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code cutover --deploy} on the demo world (EC2 and CloudFormation simulators): the wave's stacks
 * are deployed and verified after the images, and each host's downtime to its new instance running
 * is in the results CSV, after its downtime to image.
 */
class CutoverDeployTest extends TwoPhaseTestSupport {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.network.mode", "recreate",
        "migrator.deploy.poll-interval", "50",
        "migrator.quiesce.mode", "none",
        "migrator.quiesce.stop.recheck", "20ms",
        "migrator.cutover.admission-recheck", "20ms",
        "migrator.demo.busy-hosts", "");
  }

  @Test
  void deployedHostsHaveTheirDowntimeToRunning() throws Exception {
    List<SimInstance> hosts =
        world().fleet().stream()
            .filter(SimInstance::running)
            .filter(h -> "hvm".equals(h.virtualizationType()))
            .limit(2)
            .toList();
    MigrationRun pass =
        sync(
            "deploy.csv",
            "instance_id\n"
                + hosts.stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"))
                + "\n");
    assertThat(pass.failedCount()).isZero();

    MigrationRun cut = cutover(syncRunOf(pass), null, null, true);

    assertThat(cut.failedCount()).isZero();
    assertThat(cut.csvFile().resolveSibling(cut.runId() + ".instances.csv")).exists();
    List<Map<String, String>> rows = readCsv(cut.csvFile());
    assertThat(rows).isNotEmpty();
    for (Map<String, String> row : rows) {
      long toImage = Long.parseLong(row.get("downtime_ms"));
      long toRunning = Long.parseLong(row.get("downtime_to_running_ms"));
      assertThat(toImage).isPositive();
      assertThat(toRunning).isGreaterThan(toImage);
    }
    assertThat(Files.readString(cut.csvFile())).contains("downtime_to_running_ms");
  }
}
