package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * EC2 faults injected into the simulator: what AWS asks to retry is retried (with backoff) until it
 * works, without a second snapshot or copy; what it does not is a FAILED row with the reason; the
 * rest of the list carries on.
 */
class Ec2FaultsTest extends Ec2FaultTestSupport {

  @Override
  protected Map<String, String> overrides() {
    return fastFleet(
        // a stuck copy times out in 8 s (the SDK's throttling backoff alone can hold a poll for
        // seconds in the storm test)
        Map.entry("migrator.copy.timeout", "8s"),
        Map.entry("migrator.retry.delay", "50"),
        Map.entry("migrator.copy.requeue-delay", "100"));
  }

  /** Three running instances and one stopped one, different for each test. */
  private List<SimInstance> fleet(int test) {
    List<SimInstance> running = running();
    List<SimInstance> stopped = world().fleet().stream().filter(i -> !i.running()).toList();
    return List.of(
        running.get(test * 2 % running.size()),
        running.get((test * 2 + 1) % running.size()),
        stopped.get(test % stopped.size()));
  }

  private MigrationRun migrate(String name, List<SimInstance> instances) {
    return migrateLines(
        name,
        "instance_id",
        instances.stream().map(SimInstance::instanceId).toArray(String[]::new));
  }

  /** Every instance migrated, exactly one snapshot per volume and one copy per snapshot. */
  private void assertMigratedOnceEach(MigrationRun run, List<SimInstance> instances) {
    for (SimInstance i : instances) {
      InstanceMigration m = migration(run, i.instanceId());
      assertThat(m.stage()).as("%s: %s", i.instanceId(), m.error()).isEqualTo(Stage.DONE);
      Set<String> volumes =
          i.volumes().stream().map(SimVolume::volumeId).collect(Collectors.toSet());
      List<SimSnapshot> snapshots = sourceSnapshots(run.runId(), i.instanceId());
      assertThat(snapshots)
          .extracting(SimSnapshot::volumeId)
          .containsExactlyInAnyOrderElementsOf(volumes);
      List<SimSnapshot> copies = copies(run.runId(), i.instanceId());
      assertThat(copies)
          .extracting(SimSnapshot::sourceSnapshotId)
          .containsExactlyInAnyOrderElementsOf(
              snapshots.stream().map(SimSnapshot::snapshotId).toList());
    }
    assertThat(world().ssh().quiescedHosts()).isEmpty();
  }

  private long errors(String region, String action) {
    return world().ec2().counters().errors(region, action);
  }

  @Test
  void throttlingStormIsRetriedWithBackoffWithoutDuplicates() {
    for (String action : List.of("CreateSnapshots", "CopySnapshot", "RegisterImage")) {
      faults().errorRate(action, 0.5, "RequestLimitExceeded", 503);
    }
    faults().errorRate("DescribeSnapshots", 0.3, "RequestLimitExceeded", 503);
    List<SimInstance> instances = fleet(0);

    MigrationRun run = migrate("throttled.csv", instances);

    assertMigratedOnceEach(run, instances);
    assertThat(errors(SOURCE, "CreateSnapshots") + errors(TARGET, "CopySnapshot")).isPositive();
  }

  @Test
  void aShareOf5xxAnswersIsRetriedWithoutDuplicates() {
    faults().errorRate("CreateSnapshots", 0.4, "InternalError", 500);
    faults().errorRate("CopySnapshot", 0.4, "InternalError", 500);
    faults().errorRate("RegisterImage", 0.4, "Unavailable", 503);
    faults().errorRate("DescribeSnapshots", 0.3, "InternalError", 500);
    List<SimInstance> instances = fleet(1);

    MigrationRun run = migrate("five-hundreds.csv", instances);

    assertMigratedOnceEach(run, instances);
    assertThat(errors(SOURCE, "CreateSnapshots") + errors(TARGET, "CopySnapshot")).isPositive();
  }

  @Test
  void resourceLimitExceededOnCopiesIsRequeuedNotFailed() {
    faults().errorRate("CopySnapshot", 0.6, "ResourceLimitExceeded", 400);
    List<SimInstance> instances = fleet(2);

    MigrationRun run = migrate("copy-limit.csv", instances);

    assertMigratedOnceEach(run, instances);
    assertThat(errors(TARGET, "CopySnapshot")).isPositive();
  }

  @Test
  void concurrentSnapshotLimitExceededIsRequeuedAndTheHostThawedInBetween() {
    faults().errorRate("CreateSnapshots", 0.6, "ConcurrentSnapshotLimitExceeded", 400);
    List<SimInstance> instances = fleet(3);

    MigrationRun run = migrate("snapshot-limit.csv", instances);

    assertMigratedOnceEach(run, instances);
    assertThat(errors(SOURCE, "CreateSnapshots")).isPositive();
  }

  @Test
  void aCopyThatNeverCompletesFailsAtCopyTimeoutWithTheReason() {
    List<SimInstance> instances = fleet(4);
    SimInstance stuck = instances.get(0);
    Set<String> stuckVolumes =
        stuck.volumes().stream().map(SimVolume::volumeId).collect(Collectors.toSet());
    faults()
        .stuckCopiesWhere(
            sourceSnapshotId ->
                world().ec2().snapshots(SOURCE).stream()
                    .anyMatch(
                        s ->
                            s.snapshotId().equals(sourceSnapshotId)
                                && stuckVolumes.contains(s.volumeId())));

    MigrationRun run = migrate("stuck-copy.csv", instances);

    InstanceMigration m = migration(run, stuck.instanceId());
    assertThat(m.isFailed()).isTrue();
    assertThat(m.error())
        .startsWith(stuck.instanceId() + ": CopySnapshot failed (Timeout): copies [snap-")
        .endsWith("still pending at the deadline");
    assertMigratedOnceEach(run, instances.subList(1, instances.size()));
  }

  @Test
  void aSnapshotThatEndsInErrorFailsTheInstanceWithTheReason() {
    List<SimInstance> instances = fleet(5);
    SimInstance broken = instances.get(0);
    String volume = broken.volumes().get(0).volumeId();
    faults().failSnapshotsOfVolume(volume);

    MigrationRun run = migrate("snapshot-error.csv", instances);

    InstanceMigration m = migration(run, broken.instanceId());
    assertThat(m.isFailed()).isTrue();
    assertThat(m.error())
        .startsWith(
            broken.instanceId() + ": CreateSnapshots failed (SnapshotError): snapshot snap-")
        .endsWith("ended in state error");
    assertThat(copies(run.runId(), broken.instanceId())).isEmpty();
    assertMigratedOnceEach(run, instances.subList(1, instances.size()));
  }

  @Test
  void lostAnswersAfterCreateSnapshotsAndCopySnapshotMakeNoDuplicates() {
    // EC2 made the snapshot / copy, then answered 500: SDK and route retries must find it by tag
    faults().errorAfterActionRate("CreateSnapshots", 0.5, "InternalError", 500);
    faults().errorAfterActionRate("CopySnapshot", 0.5, "InternalError", 500);
    List<SimInstance> instances = fleet(7);

    MigrationRun run = migrate("lost-answers.csv", instances);

    assertMigratedOnceEach(run, instances);
    assertThat(errors(SOURCE, "CreateSnapshots") + errors(TARGET, "CopySnapshot")).isPositive();
  }

  @Test
  void describesThatFailPastTheSdksRetriesAreRetriedByTheRoute() {
    faults().errorRate("DescribeInstances", 0.8, "InternalError", 500);
    faults().errorRate("DescribeVolumes", 0.8, "InternalError", 500);
    List<SimInstance> instances = fleet(6);

    MigrationRun run = migrate("describe-5xx.csv", instances);

    assertMigratedOnceEach(run, instances);
    assertThat(errors(SOURCE, "DescribeInstances")).isPositive();
  }

  @Test
  void anErrorAwsDoesNotAskToRetryFailsAtOnceWithTheAwsCode() {
    faults().errorRate("RegisterImage", 1.0, "InvalidParameterValue", 400);
    List<SimInstance> instances = fleet(0).subList(0, 1);
    long before = world().ec2().counters().calls(TARGET, "RegisterImage");

    MigrationRun run = migrate("not-retryable.csv", instances);

    InstanceMigration m = migration(run, instances.get(0).instanceId());
    assertThat(m.isFailed()).isTrue();
    assertThat(m.error()).contains("RegisterImage failed (InvalidParameterValue)");
    assertThat(world().ec2().counters().calls(TARGET, "RegisterImage") - before).isEqualTo(1);
  }
}
