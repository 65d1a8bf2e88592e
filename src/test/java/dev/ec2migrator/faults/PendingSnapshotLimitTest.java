package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.demo.ssh.HostEvent;
import dev.ec2migrator.demo.ssh.SimHost;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A volume whose pending snapshots (another tool's: AWS Backup, DLM) are already at AWS's limit:
 * its instance waits unfrozen until one completes, so the host is never frozen for a
 * CreateSnapshots that would be refused with ConcurrentSnapshotLimitExceeded.
 */
class PendingSnapshotLimitTest extends FaultTestSupport {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.demo.instances", "6",
        "migrator.demo.busy-hosts", "",
        // snapshots of the demo volumes stay pending for a second or two
        "migrator.demo.time-scale", "500",
        "migrator.quiesce.pending-snapshot-recheck", "100");
  }

  @Test
  void aHostWhoseVolumeIsAtThePendingLimitIsNotFrozenUntilOneCompletes() throws Exception {
    SimInstance instance = running().get(0);
    SimVolume volume = instance.volumes().get(0);
    var client =
        context.getRegistry().lookupByNameAndType("ec2Clients", Ec2Clients.class).forRegion(SOURCE);
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) { // AWS allows 5 pending snapshots per volume (gp2/gp3/io*)
      others.add(client.createSnapshot(b -> b.volumeId(volume.volumeId())).snapshotId());
    }
    SimHost host = world().ssh().host(instance.instanceId());
    AtomicReference<Instant> lastSeenAtLimit = new AtomicReference<>(Instant.now());
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                Instant now = Instant.now();
                long pending =
                    world().ec2().snapshots(SOURCE).stream()
                        .filter(s -> others.contains(s.snapshotId()))
                        .filter(s -> "pending".equals(s.state()))
                        .count();
                if (pending == 5) {
                  lastSeenAtLimit.set(now);
                }
                if (pending < 5) {
                  return;
                }
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watcher.start();

    MigrationRun run = migrateLines("at-limit.csv", "instance_id", instance.instanceId());
    watcher.join();

    assertThat(migration(run, instance.instanceId()).stage()).isEqualTo(Stage.DONE);
    Instant firstQuiesce =
        host.events().stream()
            .filter(e -> e.kind() == HostEvent.Kind.FREEZE || e.kind() == HostEvent.Kind.REMOUNT_RO)
            .map(HostEvent::at)
            .min(Instant::compareTo)
            .orElseThrow();
    assertThat(firstQuiesce)
        .as("frozen only after the volume had room for the snapshot")
        .isAfter(lastSeenAtLimit.get());
    assertThat(
            host.events().stream()
                .filter(
                    e ->
                        e.kind() == HostEvent.Kind.FREEZE || e.kind() == HostEvent.Kind.REMOUNT_RO))
        .as("/ (migrator.quiesce.mount-points) frozen once: never for a refused CreateSnapshots")
        .hasSize(1);
    assertThat(sourceSnapshots(run.runId(), instance.instanceId()))
        .extracting(SimSnapshot::volumeId)
        .contains(volume.volumeId());
    assertThat(world().ssh().quiescedHosts()).isEmpty();
  }
}
