package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ssh.HostEvent;
import dev.ec2migrator.demo.ssh.SimHost;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.quiesce.QuiesceScript;
import dev.ec2migrator.run.MigrationRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SSH faults against the simulated hosts: every failure before the freeze touches nothing, every
 * failure after it releases the host (reconnect-and-thaw, else the dead-man), and the rest of the
 * list carries on.
 */
class SshFaultsTest extends FaultTestSupport {
  private static final String HEADER = "instance_id,ssh_host,ssh_user,mount_points";

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.demo.instances", "16",
        "migrator.demo.busy-hosts", "",
        "migrator.ssh.timeout", "3s",
        "migrator.ssh.command-timeout", "2s",
        "migrator.quiesce.dead-man", "3s",
        "migrator.retry.delay", "100");
  }

  @AfterEach
  void restoreTheWorld() {
    world().ec2().faults().clear();
    world().ssh().hosts().forEach(h -> h.commandLatency(Duration.ZERO));
    // the host key is the one in known_hosts again (a test may have rotated or removed it)
    world().ssh().writeKnownHosts(knownHosts());
  }

  private Path knownHosts() {
    return work().resolve("demo").resolve("known_hosts");
  }

  private SimHost host(SimInstance instance) {
    return world().ssh().host(instance.instanceId());
  }

  /** In the quiesce script only: the preflight's reads before it stay quick. */
  private static final String QUIESCE_SCRIPT = "trap ";

  private static boolean commandSent(SimHost host) {
    return host.events().stream()
        .anyMatch(e -> e.kind() == HostEvent.Kind.COMMAND && e.detail().contains(QUIESCE_SCRIPT));
  }

  @Test
  void connectionDroppedRightAfterTheFreezeReleasesTheHostAtOnce() throws Exception {
    SimInstance dropped = running().get(0);
    SimInstance healthy = running().get(1);
    host(dropped).dropConnectionAfterNextCommand(QuiesceScript.FROZEN);

    MigrationRun run =
        migrateLines("dropped.csv", HEADER, dropped.instanceId(), healthy.instanceId());

    InstanceMigration m = migration(run, dropped.instanceId());
    assertThat(m.isFailed()).isTrue();
    assertThat(m.error()).contains("quiesce failed").contains("no exit status");
    // the host's script saw its session end (EOF) and released at once, no dead-man needed
    assertThat(host(dropped).events())
        .extracting(HostEvent::kind)
        .contains(HostEvent.Kind.CONNECTION_DROPPED, HostEvent.Kind.THAW)
        .doesNotContain(HostEvent.Kind.DEADMAN_FIRED);
    assertThat(await(Duration.ofSeconds(2), () -> !host(dropped).isQuiesced())).isTrue();
    assertThat(sourceSnapshots(run.runId(), dropped.instanceId())).isEmpty();
    assertThat(migration(run, healthy.instanceId()).stage()).isEqualTo(Stage.DONE);
  }

  @Test
  void hostThatCannotBeReachedAfterTheFreezeIsReleasedByItsDeadMan() throws Exception {
    SimInstance instance = running().get(2);
    SimHost host = host(instance);
    host.commandLatency(Duration.ofMillis(800), QUIESCE_SCRIPT);
    Thread partition =
        new Thread(
            () -> {
              try {
                // the session is up (its command arrived): from now on nothing passes, so
                // neither FROZEN nor the end of the session reaches the other side
                if (await(Duration.ofSeconds(10), () -> commandSent(host))) {
                  host.partition();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    partition.start();

    MigrationRun run = migrateLines("unreachable-after-freeze.csv", HEADER, instance.instanceId());
    partition.join();

    InstanceMigration m = migration(run, instance.instanceId());
    assertThat(m.isFailed()).isTrue();
    assertThat(m.error()).contains("no answer within migrator.ssh.command-timeout");
    assertThat(await(Duration.ofSeconds(8), () -> !host.isQuiesced()))
        .as("released by the dead-man")
        .isTrue();
    assertThat(host.events()).extracting(HostEvent::kind).contains(HostEvent.Kind.DEADMAN_FIRED);
    assertThat(sourceSnapshots(run.runId(), instance.instanceId())).isEmpty();
  }

  @Test
  void aThawThatCannotReachTheHostAfterAGoodSnapshotStillMigratesAndTheDeadManReleases()
      throws Exception {
    SimInstance instance = running().get(10);
    SimHost host = host(instance);
    // the host stays frozen while CreateSnapshots runs: time to cut it off
    world().ec2().faults().latency("CreateSnapshots", Duration.ofMillis(1500));
    Thread partition =
        new Thread(
            () -> {
              try {
                if (await(Duration.ofSeconds(10), host::isQuiesced)) {
                  host.partition();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    partition.start();

    MigrationRun run = migrateLines("thaw-unreachable.csv", HEADER, instance.instanceId());
    partition.join();

    InstanceMigration m = migration(run, instance.instanceId());
    assertThat(m.stage()).isEqualTo(Stage.DONE);
    assertThat(m.warning()).contains("could not release the host").contains("dead-man");
    assertThat(copies(run.runId(), instance.instanceId())).hasSize(instance.volumes().size());
    assertThat(await(Duration.ofSeconds(8), () -> !host.isQuiesced())).isTrue();
    assertThat(host.events()).extracting(HostEvent::kind).contains(HostEvent.Kind.DEADMAN_FIRED);
  }

  @Test
  void aSlowHostFailsAtTheCommandTimeoutInsteadOfHangingAndIsReleased() throws Exception {
    SimInstance slow = running().get(3);
    SimInstance healthy = running().get(4);
    host(slow).commandLatency(Duration.ofSeconds(5), QUIESCE_SCRIPT);
    long started = System.nanoTime();

    MigrationRun run = migrateLines("slow.csv", HEADER, slow.instanceId(), healthy.instanceId());

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    InstanceMigration m = migration(run, slow.instanceId());
    assertThat(m.isFailed()).isTrue();
    assertThat(m.error()).contains("no answer within migrator.ssh.command-timeout");
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertThat(sourceSnapshots(run.runId(), slow.instanceId())).isEmpty();
    assertThat(migration(run, healthy.instanceId()).stage()).isEqualTo(Stage.DONE);
    // the late freeze still runs on the host; the late thaw or its dead-man releases it
    assertThat(await(Duration.ofSeconds(12), () -> !host(slow).isQuiesced())).isTrue();
    assertThat(await(Duration.ofSeconds(12), () -> world().ssh().quiescedHosts().isEmpty()))
        .isTrue();
  }

  @Test
  void unreachableHostAndAuthFailureFailBeforeAnythingIsFrozen() throws Exception {
    SimInstance unreachable = running().get(5);
    SimInstance wrongUser = running().get(6);
    SimInstance healthy = running().get(7);
    int port = closedPort();

    MigrationRun run =
        migrateLines(
            "unreachable.csv",
            HEADER,
            unreachable.instanceId() + ",127.0.0.1:" + port + ",,",
            wrongUser.instanceId() + ",,nobody,",
            healthy.instanceId());

    InstanceMigration u = migration(run, unreachable.instanceId());
    assertThat(u.isFailed()).isTrue();
    // the preflight's ssh check finds it, before the quiesce is even tried
    assertThat(u.error())
        .startsWith(
            unreachable.instanceId() + ": preflight failed (NotReady): ssh: not reachable: ")
        .contains("could not connect to ")
        .contains("@[127.0.0.1]:" + port + " (");
    InstanceMigration w = migration(run, wrongUser.instanceId());
    assertThat(w.isFailed()).isTrue();
    assertThat(w.error())
        .contains("authentication refused for nobody@[127.0.0.1]:")
        .doesNotContain("host key")
        .doesNotContain("trap "); // not the whole quiesce script
    for (SimInstance i : List.of(unreachable, wrongUser)) {
      assertThat(host(i).events()).isEmpty();
      assertThat(sourceSnapshots(run.runId(), i.instanceId())).isEmpty();
    }
    assertThat(migration(run, healthy.instanceId()).stage()).isEqualTo(Stage.DONE);
  }

  @Test
  void changedOrUnknownHostKeyIsRefusedBeforeAnythingIsFrozen() throws Exception {
    SimInstance changed = running().get(8);
    world().ssh().rotateHostKey(); // known_hosts still holds the old key
    MigrationRun run = migrateLines("changed-key.csv", HEADER, changed.instanceId());
    assertThat(migration(run, changed.instanceId()).isFailed()).isTrue();
    assertThat(migration(run, changed.instanceId()).error())
        .contains("host key CHANGED for [127.0.0.1]:")
        .doesNotContain("authentication");
    assertThat(migration(run, changed.instanceId()).warning()).isNull(); // no thaw was needed
    assertThat(host(changed).events()).isEmpty();
    assertThat(sourceSnapshots(run.runId(), changed.instanceId())).isEmpty();

    SimInstance unknown = running().get(9);
    Files.writeString(knownHosts(), ""); // strict checking, the host is not listed at all
    run = migrateLines("unknown-key.csv", HEADER, unknown.instanceId());
    assertThat(migration(run, unknown.instanceId()).isFailed()).isTrue();
    assertThat(migration(run, unknown.instanceId()).error())
        .contains("host key unknown for [127.0.0.1]:")
        .contains("(not in " + knownHosts());
    assertThat(host(unknown).events()).isEmpty();
    assertThat(sourceSnapshots(run.runId(), unknown.instanceId())).isEmpty();
  }

  @Test
  void aBusyMountFailsTheInstanceAndReleasesTheMountsAlreadyReadOnly() throws Exception {
    SimInstance busy =
        running().stream()
            .skip(11)
            .filter(i -> i.mountPoints().size() >= 2)
            .findFirst()
            .orElseThrow();
    String last = busy.mountPoints().get(busy.mountPoints().size() - 1);
    host(busy).failRemountBusy(last, true);
    try {
      MigrationRun run =
          migrateLines(
              "busy.csv", HEADER, busy.instanceId() + ",,," + String.join(";", busy.mountPoints()));

      InstanceMigration m = migration(run, busy.instanceId());
      assertThat(m.isFailed()).isTrue();
      assertThat(m.error()).contains("exit 32").contains("busy");
      assertThat(host(busy).events())
          .filteredOn(e -> e.kind() == HostEvent.Kind.REMOUNT_RO)
          .extracting(HostEvent::detail)
          .contains("/");
      assertThat(host(busy).isQuiesced()).isFalse();
      assertThat(sourceSnapshots(run.runId(), busy.instanceId())).isEmpty();
    } finally {
      host(busy).failRemountBusy(last, false);
    }
  }
}
