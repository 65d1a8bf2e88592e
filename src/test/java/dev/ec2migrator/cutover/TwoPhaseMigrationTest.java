package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.demo.ec2.Ec2Counters;
import dev.ec2migrator.demo.ec2.PowerEvent;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.monitor.ProgressMBeans;
import dev.ec2migrator.run.MigrationRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The two-phase migration against the demo world, through the real routes and the real SDK: two
 * warm passes (the second copies only what changed, the first pass's pairs are deleted once the
 * second is copied), then the cutover (a catch-up pass per host while it runs, incremental too,
 * then stopped, final incremental copies, images, downtime per host in the CSV, warm pairs deleted,
 * the cutover's own kept), and the cutover's bad input.
 */
class TwoPhaseMigrationTest extends TwoPhaseTestSupport {
  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.quiesce.mode", "none",
        "migrator.quiesce.stop.recheck", "20ms",
        "migrator.cutover.admission-recheck", "20ms",
        "migrator.demo.instances", "12",
        "migrator.demo.volumes-per-instance", "2",
        "migrator.demo.volume-size-gib", "100-200",
        "migrator.demo.busy-hosts", "");
  }

  @Test
  void twoWarmPassesThenCutover() throws Exception {
    List<SimInstance> hosts = freshHosts().limit(3).toList();
    assertThat(hosts).hasSize(3);
    String list =
        "instance_id\n"
            + hosts.stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"))
            + "\n";
    int volumes = hosts.stream().mapToInt(h -> h.volumes().size()).sum();
    double fullGib =
        hosts.stream().flatMap(h -> h.volumes().stream()).mapToDouble(v -> v.sizeGib()).sum();
    Ec2Counters counters = world().ec2().counters();

    MigrationRun first = sync("two-phase.csv", list);

    assertThat(first.failedCount()).isZero();
    assertThat(first.runId()).endsWith("-p1");
    String syncRun = syncRunOf(first);
    assertThat(readCsv(first.csvFile()))
        .allSatisfy(r -> assertThat(r).containsEntry("status", "SYNCED"));
    List<SimSnapshot> pass1 = ofPass(syncRun, "1");
    assertThat(pass1).hasSize(2 * volumes); // a snapshot and a copy per volume
    long incrementalBefore = counters.incrementalCopies(TARGET);
    double gibBefore = counters.copyGib(TARGET);

    Thread.sleep(200); // the hosts write on: a few simulated minutes of changes
    MigrationRun second = sync("two-phase.csv", list);

    assertThat(second.failedCount()).isZero();
    assertThat(second.runId()).isEqualTo(syncRun + "-p2");
    // AWS's rule, as the simulator applies it: the copy of pass 1 is there, so pass 2 is
    // incremental
    assertThat(counters.incrementalCopies(TARGET) - incrementalBefore).isEqualTo(volumes);
    assertThat(counters.copyGib(TARGET) - gibBefore).isGreaterThan(0).isLessThan(fullGib * 0.2);
    // pass 1 superseded once pass 2 was copied: deleted; pass 2 kept for the next incremental copy
    assertThat(ofPass(syncRun, "1")).isEmpty();
    assertThat(ofPass(syncRun, "2")).hasSize(2 * volumes);

    long fullBefore = counters.fullCopies(TARGET);
    double gibBeforeCutover = counters.copyGib(TARGET);
    MigrationRun cut = cutover(syncRun, null, null);

    assertThat(cut.failedCount()).isZero();
    assertThat(cut.runId()).isEqualTo(syncRun + "-cutover");
    // the tracker holds nothing of the finished hosts: neither their catch-ups nor their final pass
    SnapshotTracker tracker =
        context.getRegistry().lookupByNameAndType("snapshotTracker", SnapshotTracker.class);
    assertThat(tracker.knownCount()).isZero();
    assertThat(tracker.watchedCount()).isZero();
    for (SimInstance h : hosts) {
      assertThat(powerEvents(h.instanceId()))
          .extracting(PowerEvent::action)
          .containsExactly("StopInstances");
      assertThat(state(h.instanceId())).isEqualTo("stopped");
      assertThat(world().ec2().tags(SOURCE, h.instanceId()))
          .doesNotContainKey(MigrationTags.STOPPED_BY);
    }
    // per volume a catch-up copy (pass 3, the host still running) then the final copy (pass 4):
    // both incremental by the simulator's counters (the previous pass's copy was still there)
    assertThat(counters.incrementalCopies(TARGET) - incrementalBefore).isEqualTo(3L * volumes);
    assertThat(counters.fullCopies(TARGET)).isEqualTo(fullBefore);
    assertThat(counters.copyGib(TARGET) - gibBeforeCutover).isLessThan(fullGib * 0.2);
    long runMs = Duration.between(cut.startedAt(), cut.finishedAt()).toMillis();
    List<Map<String, String>> rows = readCsv(cut.csvFile());
    assertThat(rows).hasSize(volumes);
    for (Map<String, String> row : rows) {
      assertThat(row)
          .containsEntry("status", "MIGRATED")
          .containsEntry("source_state", CutoverSteps.CUT_OVER);
      assertThat(row.get("target_image_id")).startsWith("ami-");
      assertThat(Long.parseLong(row.get("downtime_ms"))).isPositive().isLessThanOrEqualTo(runMs);
      assertThat(row.get("downtime_to_running_ms")).isEmpty();
    }
    // the warm pairs (the catch-up's too) went once the final copies were made; the cutover's
    // pair stays (its image)
    assertThat(ofPass(syncRun, "2")).isEmpty();
    assertThat(ofPass(syncRun, "3")).isEmpty();
    assertThat(ofPass(syncRun, "4"))
        .hasSize(2 * volumes)
        .allSatisfy(s -> assertThat(s.tags()).containsEntry(MigrationTags.PHASE, "cutover"));
    assertThat(world().ec2().images(TARGET)).hasSizeGreaterThanOrEqualTo(hosts.size());
    // the same figures on the run's MBean and in its report
    long maxRow =
        rows.stream().mapToLong(r -> Long.parseLong(r.get("downtime_ms"))).max().orElseThrow();
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName mbean = ProgressMBeans.name(cut.runId());
    assertThat(jmx.getAttribute(mbean, "DowntimeMaxMs")).isEqualTo(maxRow);
    assertThat((Long) jmx.getAttribute(mbean, "DowntimeP50Ms"))
        .isPositive()
        .isLessThanOrEqualTo(maxRow);
    assertThat(jmx.getAttribute(mbean, "HostsDownNow")).isEqualTo(0L);
    String report = Files.readString(cut.csvFile().resolveSibling(cut.runId() + ".report.html"));
    assertThat(report).contains("\"downtimeMaxMs\":" + maxRow).contains("\"hostsCutOver\":3");
  }

  @Test
  void aHostWhoseCutoverFailsIsStartedAgainAndItsRowSaysSo() throws Exception {
    SimInstance host = freshHosts().findFirst().orElseThrow();
    MigrationRun pass = sync("rollback.csv", "instance_id\n" + host.instanceId() + "\n");
    assertThat(pass.failedCount()).isZero();
    world().ec2().faults().errorRate("RegisterImage", 1.0, "InvalidParameterValue", 400);
    MigrationRun cut;
    try {
      cut = cutover(syncRunOf(pass), null, null);
    } finally {
      world().ec2().faults().clear();
    }

    assertThat(cut.failedCount()).isEqualTo(1);
    assertThat(powerEvents(host.instanceId()))
        .extracting(PowerEvent::action)
        .containsExactly("StopInstances", "StartInstances");
    assertThat(world().ec2().tags(SOURCE, host.instanceId()))
        .doesNotContainKey(MigrationTags.STOPPED_BY);
    assertThat(readCsv(cut.csvFile()))
        .allSatisfy(
            r ->
                assertThat(r)
                    .containsEntry("status", "FAILED")
                    .containsEntry("source_state", CutoverSteps.STARTED_AGAIN)
                    .containsEntry("downtime_ms", ""));
    assertThat(cut.migrations().get(0).error()).contains("RegisterImage", "InvalidParameterValue");
  }

  @Test
  void aSyncRefusesQuiesceModeStopForTheHost() throws Exception {
    SimInstance host = freshHosts().findFirst().orElseThrow();

    MigrationRun pass =
        sync("stop-mode.csv", "instance_id,quiesce_mode\n" + host.instanceId() + ",stop\n");

    assertThat(pass.failedCount()).isEqualTo(1);
    assertThat(pass.migrations().get(0).error())
        .startsWith(host.instanceId())
        .contains("StopModeRefused", "quiesce mode stop cannot be used by sync");
    assertThat(powerEvents(host.instanceId())).isEmpty();
    assertThat(ofPass(syncRunOf(pass), "1")).isEmpty();
  }

  @Test
  void anUnknownRunIsRefusedWithItsReason() {
    assertThatThrownBy(() -> cutover("no-such-run-1234", null, null))
        .isInstanceOf(CamelExecutionException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown sync run no-such-run-1234")
        .hasMessageContaining("migrator:sync-run=no-such-run-1234");
  }

  @Test
  void anEmptyWaveAndAForeignSubListAreRefusedBeforeAnythingStops() throws Exception {
    SimInstance host = freshHosts().findFirst().orElseThrow();
    MigrationRun pass = sync("wave.csv", "instance_id\n" + host.instanceId() + "\n");
    assertThat(pass.failedCount()).isZero();
    String syncRun = syncRunOf(pass);
    SimInstance other = freshHosts().skip(1).findFirst().orElseThrow();

    assertThatThrownBy(() -> cutover(syncRun, "Wave=nobody", null))
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("wave Wave=nobody matches none of the 1 instances of sync run " + syncRun);
    assertThatThrownBy(() -> cutover(syncRun, null, "instance_id\n" + other.instanceId() + "\n"))
        .cause()
        .isInstanceOf(InvalidInstanceListException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInstanceListException) e).problems())
                    .containsExactly(
                        "line 2: "
                            + other.instanceId()
                            + " is not an instance of sync run "
                            + syncRun
                            + " in "
                            + SOURCE));
    assertThat(powerEvents(host.instanceId())).isEmpty();
  }

  /** Running hosts no test has snapshotted yet, in fleet order. */
  private java.util.stream.Stream<SimInstance> freshHosts() {
    List<String> snapshotted =
        world().ec2().snapshots(SOURCE).stream()
            .map(s -> s.tags().get(MigrationTags.SOURCE_INSTANCE))
            .toList();
    return world().fleet().stream()
        .filter(SimInstance::running)
        .filter(h -> !snapshotted.contains(h.instanceId()));
  }

  /** Source snapshots and copies of one pass of the sync run, in both regions. */
  private List<SimSnapshot> ofPass(String syncRun, String pass) {
    return java.util.stream.Stream.concat(
            world().ec2().snapshots(SOURCE).stream(), world().ec2().snapshots(TARGET).stream())
        .filter(s -> syncRun.equals(s.tags().get(MigrationTags.SYNC_RUN)))
        .filter(s -> pass.equals(s.tags().get(MigrationTags.PASS)))
        .toList();
  }

  private List<PowerEvent> powerEvents(String id) {
    return world().ec2().powerEvents(SOURCE).stream()
        .filter(e -> e.instanceId().equals(id))
        .toList();
  }

  private String state(String id) {
    return world().ec2().instances(SOURCE).stream()
        .filter(i -> i.instanceId().equals(id))
        .findFirst()
        .orElseThrow()
        .state();
  }
}
