package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.ec2.PowerEvent;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.run.MigrationRun;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Copy slots go to the cutover first: one slot, a warm pass of several hosts copying in full, and a
 * cutover of another sync run started meanwhile. From a host's stop until its last final copy is
 * made, no warm copy starts (the stopped hosts' slots are reserved and their copies are first in
 * line); the warm pass goes on afterwards. Each wave host first makes its catch-up copies (while it
 * runs); once a host is stopped, no catch-up copy of the other starts before its final copies have
 * their slot.
 */
class CutoverPriorityTest extends TwoPhaseTestSupport {
  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.copy.max-in-flight", "1",
        "migrator.quiesce.mode", "none",
        "migrator.quiesce.stop.recheck", "20ms",
        "migrator.cutover.admission-recheck", "20ms",
        "migrator.demo.instances", "8",
        "migrator.demo.volumes-per-instance", "2",
        "migrator.demo.volume-size-gib", "50-100",
        "migrator.demo.busy-hosts", "");
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void cutoverCopiesTakeSlotsBeforeWarmCopies() throws Exception {
    List<SimInstance> running = world().fleet().stream().filter(SimInstance::running).toList();
    List<SimInstance> wave = running.subList(0, 2);
    List<SimInstance> warm = running.subList(2, 6);
    MigrationRun synced = sync("wave.csv", list(wave));
    assertThat(synced.failedCount()).isZero();
    String waveRun = syncRunOf(synced);

    CompletableFuture<MigrationRun> warmPass =
        CompletableFuture.supplyAsync(() -> sync("warm.csv", list(warm)));
    while (warmCopies().isEmpty()) {
      Thread.sleep(10);
    }
    // the catch-up pairs are deleted by the end of the cutover: seen while it runs
    Map<String, SimSnapshot> catchUpCopies = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicBoolean cutting =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread watcher =
        new Thread(
            () -> {
              while (cutting.get()) {
                world().ec2().snapshots(TARGET).stream()
                    .filter(s -> waveRun.equals(s.tags().get(MigrationTags.SYNC_RUN)))
                    .filter(s -> "sync".equals(s.tags().get(MigrationTags.PHASE)))
                    .filter(s -> "2".equals(s.tags().get(MigrationTags.PASS)))
                    .forEach(s -> catchUpCopies.putIfAbsent(s.snapshotId(), s));
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watcher.start();
    MigrationRun cut;
    try {
      cut = cutover(waveRun, null, null);
    } finally {
      cutting.set(false);
      watcher.join();
    }
    MigrationRun warmRun = warmPass.get(180, TimeUnit.SECONDS);

    assertThat(cut.failedCount()).isZero();
    assertThat(warmRun.failedCount()).isZero();
    Instant lastFinalCopy =
        world().ec2().snapshots(TARGET).stream()
            .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
            .map(SimSnapshot::createdAt)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    List<Instant> warmStarts = warmCopies().stream().map(SimSnapshot::createdAt).toList();
    for (PowerEvent stop : stopsInOrder()) {
      Instant lastOwnCopy = lastFinalCopyOf(stop.instanceId());
      assertThat(warmStarts)
          .as("no warm copy started while %s was down and copying", stop.instanceId())
          .noneMatch(t -> t.isAfter(stop.at()) && t.isBefore(lastOwnCopy));
    }
    assertThat(warmStarts)
        .as("the warm pass was still copying when the cutover came: the two competed")
        .anyMatch(t -> t.isAfter(lastFinalCopy));
    // admission: 1 slot x 1.5 volumes per slot admits one 2-volume host at a time, so the second
    // host stops only once the first one's final copies are made
    List<PowerEvent> stops = stopsInOrder();
    assertThat(stops).hasSize(2);
    String first = stops.get(0).instanceId();
    Instant firstHostsLastCopy = lastFinalCopyOf(first);
    assertThat(stops.get(1).at()).isAfter(firstHostsLastCopy);
    // each host caught up (one incremental copy per volume, pass 2) before its stop; the second
    // host's catch-up copies waited while the stopped first host's final copies took the slot
    String second = stops.get(1).instanceId();
    Map<String, List<Instant>> catchUpByHost =
        catchUpCopies.values().stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.tags().get(MigrationTags.SOURCE_INSTANCE),
                    Collectors.mapping(SimSnapshot::createdAt, Collectors.toList())));
    assertThat(catchUpByHost.get(first)).hasSize(2).allMatch(t -> t.isBefore(stops.get(0).at()));
    assertThat(catchUpByHost.get(second)).hasSize(2).allMatch(t -> t.isBefore(stops.get(1).at()));
    assertThat(catchUpCopies.values()).allMatch(SimSnapshot::incremental);
    assertThat(catchUpByHost.get(second))
        .as("no catch-up copy started while the stopped host's final copies waited for the slot")
        .noneMatch(t -> t.isAfter(stops.get(0).at()) && t.isBefore(firstHostsLastCopy));
  }

  private List<PowerEvent> stopsInOrder() {
    return world().ec2().powerEvents(SOURCE).stream()
        .filter(e -> e.action().equals("StopInstances"))
        .sorted(Comparator.comparing(PowerEvent::at))
        .toList();
  }

  private Instant lastFinalCopyOf(String host) {
    return world().ec2().snapshots(TARGET).stream()
        .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
        .filter(s -> host.equals(s.tags().get(MigrationTags.SOURCE_INSTANCE)))
        .map(SimSnapshot::createdAt)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private List<SimSnapshot> warmCopies() {
    return world().ec2().snapshots(TARGET).stream()
        .filter(s -> "sync".equals(s.tags().get(MigrationTags.PHASE)))
        .filter(s -> s.tags().getOrDefault(MigrationTags.SYNC_RUN, "").startsWith("warm-"))
        .toList();
  }

  private static String list(List<SimInstance> hosts) {
    return "instance_id\n"
        + hosts.stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"))
        + "\n";
  }
}
