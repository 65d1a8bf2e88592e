package dev.ec2migrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.cleanup.CleanupPlan;
import dev.ec2migrator.demo.ec2.Ec2Counters;
import dev.ec2migrator.run.MigrationRun;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The README's seed flow on the demo world: migrate the sample list, deploy the run (the network
 * recreated from the fleet's two VPCs, then the instances), verify, clean up twice.
 */
class LandTheFleetDemoTest extends PipelineTestSupport {
  private static final String TARGET = "ap-southeast-2";

  @Override
  protected Map<String, String> overrides() {
    return Map.of("migrator.network.mode", "recreate", "migrator.deploy.poll-interval", "50");
  }

  @Test
  void migrateDeployVerifyAndCleanUpTheSampleRun() throws Exception {
    MigrationRun run =
        migrate("sample-instances.csv", Files.readString(Path.of("config/sample-instances.csv")));
    long migrated = run.migrations().size() - run.failedCount();

    Verification verification =
        template.requestBodyAndHeader(
            "direct:deploy-run", null, "MigratorRunId", run.runId(), Verification.class);

    assertThat(verification.deployedCount()).isEqualTo(migrated);
    assertThat(verification.allVerified()).as(verification.problems().toString()).isTrue();
    Path instancesCsv = Path.of(verification.instancesCsv());
    Map<String, CSVRecord> rows = readBySource(instancesCsv);
    assertThat(rows).hasSize(run.migrations().size());
    for (var m : run.migrations()) {
      CSVRecord row = rows.get(m.instanceId());
      if (m.isFailed()) {
        assertThat(row.get("verification")).startsWith("not deployed");
        continue;
      }
      assertThat(row.get("verification")).isEqualTo("verified");
      assertThat(row.get("new_instance_id")).startsWith("i-").isNotEqualTo(m.instanceId());
      assertThat(row.get("image_id")).isEqualTo(m.imageId());
      // the same CIDRs: the copy of its subnet holds its private IP's network
      assertThat(
              row.get("source_private_ip")
                  .substring(0, row.get("source_private_ip").lastIndexOf('.')))
          .isEqualTo(
              row.get("new_private_ip").substring(0, row.get("new_private_ip").lastIndexOf('.')));
    }

    Ec2Counters counters = world().ec2().counters();
    long deletesBefore = counters.calls("us-east-1", "DeleteSnapshot");
    CleanupPlan first = cleanup(run.runId());
    long listed = first.items().stream().filter(i -> !i.kept()).count();
    assertThat(listed).isPositive();
    assertThat(first.failures()).isEmpty();
    assertThat(first.deleted()).hasSize((int) listed);
    assertThat(counters.calls("us-east-1", "DeleteSnapshot") - deletesBefore).isEqualTo(listed);

    CleanupPlan second = cleanup(run.runId());
    assertThat(second.items()).isEmpty();
    assertThat(counters.calls("us-east-1", "DeleteSnapshot") - deletesBefore).isEqualTo(listed);
    assertThat(counters.calls(TARGET, "DeleteSnapshot")).isZero();
  }

  /**
   * The demo world's CloudFormation fails an instance whose image does not exist (CREATE_FAILED,
   * then ROLLBACK_COMPLETE), as AWS does: deploy names the resource and the reason.
   */
  @Test
  void aStackThatFailsNamesTheFailingResourceAndItsReason() throws Exception {
    MigrationRun run =
        migrate("sample-instances.csv", Files.readString(Path.of("config/sample-instances.csv")));
    String missingImage = "ami-00000000000000dea";
    String csv =
        Files.readString(run.csvFile())
            .replace(run.runId(), "bad-image")
            .replaceAll("ami-[0-9a-f]{17}", missingImage);
    Path badCsv = work().resolve("outbox/bad-image.csv");
    Files.writeString(badCsv, csv);
    template.requestBody("direct:render-cloudformation", badCsv.toFile(), List.class);

    var failure =
        template.request(
            "direct:deploy-run", e -> e.getIn().setHeader("MigratorRunId", "bad-image"));

    assertThat(failure.getException()).hasRootCauseInstanceOf(StackFailedException.class);
    assertThat(org.assertj.core.util.Throwables.getRootCause(failure.getException()).getMessage())
        .contains("migrator-bad-image: deploy failed (ROLLBACK_COMPLETE)")
        .containsPattern(
            "Instance[0-9a-f]+ \\(AWS::EC2::Instance\\) CREATE_FAILED: .*" + missingImage);
    assertThat(work().resolve("outbox/bad-image.instances.csv")).doesNotExist();
  }

  private CleanupPlan cleanup(String runId) {
    return template.requestBodyAndHeaders(
        "direct:cleanup-run",
        null,
        Map.of("MigratorRunId", runId, "MigratorCleanupScope", "source", "MigratorDryRun", false),
        CleanupPlan.class);
  }

  private static Map<String, CSVRecord> readBySource(Path csv) throws Exception {
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(Files.readString(csv)))
            .getRecords();
    return records.stream().collect(Collectors.toMap(r -> r.get("source_instance_id"), r -> r));
  }
}
