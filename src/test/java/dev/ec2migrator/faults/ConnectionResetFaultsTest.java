package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.ec2.PowerEvent;
import dev.ec2migrator.demo.ec2.SimImage;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.MigrationRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator closes the connection without an answer, before or after the action took effect:
 * the client cannot tell which. Every mutating call goes through the look-before-retry path, so a
 * reset makes neither a duplicate nor a FAILED instance; a describe that keeps failing on the
 * network fails the run (exit 1, the reason), never as bad input.
 */
class ConnectionResetFaultsTest extends Ec2FaultTestSupport {

  @Override
  protected Map<String, String> overrides() {
    return fastFleet(
        Map.entry("migrator.retry.delay", "20"),
        // resets, not throttling, are under test: the preflight's DryRun calls share EC2's
        // mutating bucket with the run's own calls, so the buckets are made roomy
        Map.entry("migrator.demo.throttle-scale", "100"),
        Map.entry("migrator.sdk.max-attempts", "2"),
        Map.entry("migrator.quiesce.stop.recheck", "20ms"),
        Map.entry("migrator.copy.requeue-delay", "50"));
  }

  private int test;

  /**
   * Two running instances quiesced over SSH, one stopped for its snapshot (mode stop: CreateTags,
   * StopInstances, StartInstances, DeleteTags) and one already stopped; different for each run.
   */
  private List<String> lines(List<SimInstance> chosen) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      lines.add(chosen.get(i).instanceId() + "," + (i == 2 ? "stop" : ""));
    }
    return lines;
  }

  private List<SimInstance> fleet() {
    List<SimInstance> running = running();
    List<SimInstance> stopped = world().fleet().stream().filter(i -> !i.running()).toList();
    int n = test++;
    return List.of(
        running.get((n * 3) % running.size()),
        running.get((n * 3 + 1) % running.size()),
        running.get((n * 3 + 2) % running.size()),
        stopped.get(n % stopped.size()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CreateSnapshots",
        "CopySnapshot",
        "RegisterImage",
        "CreateTags",
        "StopInstances",
        "StartInstances",
        "DeleteTags"
      })
  void resetsBeforeAndAfterAMutatingCallMakeNoDuplicateAndNoFailure(String action) {
    faults().resetsInTurn(action);
    List<SimInstance> instances = fleet();

    MigrationRun run =
        migrateLines(
            "reset-" + action + ".csv",
            "instance_id,quiesce_mode",
            lines(instances).toArray(String[]::new));

    for (SimInstance i : instances) {
      InstanceMigration m = migration(run, i.instanceId());
      assertThat(m.stage()).as("%s: %s", i.instanceId(), m.error()).isEqualTo(Stage.DONE);
      List<SimSnapshot> snapshots = sourceSnapshots(run.runId(), i.instanceId());
      assertThat(snapshots)
          .as("one snapshot per volume")
          .extracting(SimSnapshot::volumeId)
          .containsExactlyInAnyOrderElementsOf(
              i.volumes().stream().map(SimVolume::volumeId).toList());
      assertThat(copies(run.runId(), i.instanceId()))
          .as("one copy per snapshot")
          .extracting(SimSnapshot::sourceSnapshotId)
          .containsExactlyInAnyOrderElementsOf(
              snapshots.stream().map(SimSnapshot::snapshotId).toList());
      assertThat(world().ec2().images(TARGET).stream().filter(img -> img.name().equals(name(m))))
          .as("one image")
          .extracting(SimImage::imageId)
          .containsExactly(m.imageId());
    }
    SimInstance stoppedForSnapshot = instances.get(2);
    List<PowerEvent> power =
        world().ec2().powerEvents(SOURCE).stream()
            .filter(e -> e.instanceId().equals(stoppedForSnapshot.instanceId()))
            .toList();
    assertThat(power).as("stopped, then running again").isNotEmpty();
    assertThat(power.get(power.size() - 1).action()).isEqualTo("StartInstances");
    assertThat(world().ec2().tags(SOURCE, stoppedForSnapshot.instanceId()))
        .doesNotContainKey(MigrationTags.STOPPED_BY);
    assertThat(world().ssh().quiescedHosts()).isEmpty();
    String region =
        action.equals("CopySnapshot") || action.equals("RegisterImage") ? TARGET : SOURCE;
    assertThat(world().ec2().counters().errors(region, action))
        .as("connections of %s were reset before and after the action", action)
        .isGreaterThanOrEqualTo(2);
  }

  private static String name(InstanceMigration m) {
    return MigrationTags.imageName(m);
  }

  @Test
  void aDescribeThatKeepsLosingItsConnectionFailsTheRunNotTheList() {
    faults().resetRate("DescribeInstances", 1.0);
    List<String> ids =
        running().stream().limit(2).map(SimInstance::instanceId).collect(Collectors.toList());
    long before = world().ec2().counters().calls(SOURCE, "DescribeInstances");

    Throwable failure =
        catchThrowable(
            () -> migrateLines("describe-reset.csv", "instance_id", ids.toArray(String[]::new)));

    assertThat(failure).isInstanceOf(CamelExecutionException.class);
    assertThat(failure).hasRootCauseInstanceOf(java.io.IOException.class);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(t).isNotInstanceOf(InvalidInstanceListException.class);
    }
    // the migrate command's exit 1 and the inbox's report: a run failure, named, resumable
    assertThat(BadInputReport.describe(failure.getCause()))
        .startsWith("The run failed at ")
        .contains("Unable to execute HTTP request")
        .contains("drop the same file again to resume");
    // the SDK's 2 attempts, times the route's first try and its 8 retries
    assertThat(world().ec2().counters().calls(SOURCE, "DescribeInstances") - before)
        .isEqualTo(2 * 9);
    assertThat(
            world().ec2().snapshots(SOURCE).stream()
                .filter(s -> ids.contains(s.tags().get(MigrationTags.SOURCE_INSTANCE))))
        .as("nothing made")
        .isEmpty();
  }
}
