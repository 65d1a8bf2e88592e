package dev.ec2migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.ec2.PowerEvent;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.quiesce.StopStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Quiesce mode stop against the EC2 simulator: stopped before CreateSnapshots, started right after
 * it on every outcome, and started by a rerun of a run that left it stopped.
 */
class StopModeTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";

  @Override
  protected Map<String, String> overrides() {
    return Map.of("migrator.quiesce.stop.recheck", "20ms", "migrator.quiesce.mode", "none");
  }

  @AfterEach
  void clearFaults() {
    world().ec2().faults().clear();
  }

  @Test
  void stoppedBeforeCreateSnapshotsAndStartedRightAfter() throws Exception {
    String id = runningInstance(0);
    MigrationRun run = migrate("stop-ok.csv", "instance_id,quiesce_mode\n" + id + ",stop\n");

    assertThat(run.failedCount()).isZero();
    List<PowerEvent> events = events(id);
    assertThat(events)
        .extracting(PowerEvent::action)
        .containsExactly("StopInstances", "StartInstances");
    List<SimSnapshot> snapshots = snapshotsOf(id);
    assertThat(snapshots).isNotEmpty();
    Instant stopped = events.get(0).at();
    Instant started = events.get(1).at();
    // the simulator stops in 30 simulated s: the snapshots are of a stopped instance
    Duration stopping = Duration.ofMillis(30_000 / 2000);
    for (SimSnapshot s : snapshots) {
      assertThat(s.createdAt()).isAfterOrEqualTo(stopped.plus(stopping));
      assertThat(started).isAfterOrEqualTo(s.createdAt());
      assertThat(Duration.between(s.createdAt(), started)).isLessThan(Duration.ofSeconds(2));
    }
    assertThat(world().ec2().tags(SOURCE, id)).doesNotContainKey(MigrationTags.STOPPED_BY);
    Map<String, String> row = rowOf(run, id);
    assertThat(row).containsEntry("status", "MIGRATED");
    assertThat(row.get("error")).contains(StopStep.WARNING);
    assertThat(world().ssh().host(id).events()).isEmpty();
  }

  @Test
  void createSnapshotsFailingStillStartsTheInstance() throws Exception {
    String id = runningInstance(1);
    world().ec2().faults().errorRate("CreateSnapshots", 1.0, "InvalidParameterValue", 400);

    MigrationRun run = migrate("stop-fail.csv", "instance_id,quiesce_mode\n" + id + ",stop\n");

    assertThat(run.failedCount()).isEqualTo(1);
    assertThat(events(id))
        .extracting(PowerEvent::action)
        .containsExactly("StopInstances", "StartInstances");
    assertThat(snapshotsOf(id)).isEmpty();
    assertThat(world().ec2().tags(SOURCE, id)).doesNotContainKey(MigrationTags.STOPPED_BY);
    assertThat(rowOf(run, id)).containsEntry("status", "FAILED");
  }

  @Test
  void aRerunStartsAnInstanceItsRunLeftStopped() throws Exception {
    String id = runningInstance(2);
    String list = "instance_id,quiesce_mode\n" + id + ",stop\n";
    // the run's first attempt crashed while the instance was stopped: tag and state as it left them
    String runId = "stop-crash";
    try (Ec2Client ec2 = client()) {
      ec2.createTags(r -> r.resources(id).tags(t -> t.key(MigrationTags.STOPPED_BY).value(runId)));
      ec2.stopInstances(r -> r.instanceIds(id));
    }
    Thread.sleep(100); // stopped after 30 simulated s (15 ms at the demo's time scale)

    MigrationRun run = migrateAs(runId, list);

    assertThat(run.failedCount()).isZero();
    // the test's own stop, then the rerun's start: the rerun did not stop it a second time
    assertThat(events(id))
        .extracting(PowerEvent::action)
        .containsExactly("StopInstances", "StartInstances");
    assertThat(world().ec2().tags(SOURCE, id)).doesNotContainKey(MigrationTags.STOPPED_BY);
    assertThat(world().ec2().instances(SOURCE).stream().filter(i -> i.instanceId().equals(id)))
        .extracting(SimInstance::state)
        .containsExactly("running");
  }

  private MigrationRun migrateAs(String runId, String content) {
    return template.requestBodyAndHeaders(
        "direct:migrate-list",
        content.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Map.of("migratorSource", "stop-crash.csv", "migratorRunId", runId),
        MigrationRun.class);
  }

  private Ec2Client client() {
    return Ec2Client.builder()
        .endpointOverride(world().ec2().endpoint())
        .region(Region.of(SOURCE))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private String runningInstance(int index) {
    return world().fleet().stream()
        .filter(SimInstance::running)
        .skip(index)
        .findFirst()
        .orElseThrow()
        .instanceId();
  }

  private List<PowerEvent> events(String id) {
    return world().ec2().powerEvents(SOURCE).stream()
        .filter(e -> e.instanceId().equals(id))
        .toList();
  }

  private List<SimSnapshot> snapshotsOf(String id) {
    return world().ec2().snapshots(SOURCE).stream()
        .filter(s -> id.equals(s.tags().get(MigrationTags.SOURCE_INSTANCE)))
        .toList();
  }

  private static Map<String, String> rowOf(MigrationRun run, String id) throws Exception {
    return readCsv(run.csvFile()).stream()
        .filter(r -> id.equals(r.get("source_instance_id")))
        .findFirst()
        .orElseThrow();
  }
}
