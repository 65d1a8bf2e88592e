package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.faults.ChildMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cutover} command as a separate JVM, killed with SIGKILL while hosts are stopped and
 * their final copies are in flight, then run again. The simulators live in this test's JVM and
 * outlive the killed process: at the end no host is left stopped without its image (each is cut
 * over, or started again), no host is tagged stopped-by, and every volume has exactly one final
 * snapshot and one final copy.
 */
class CutoverKillTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";

  @TempDir static Path work;
  private static DemoWorld world;

  @BeforeAll
  static void startTheSimulators() throws IOException {
    world =
        DemoWorld.start(
            Map.of(
                "seed", "42",
                "instances", "6",
                "volumes-per-instance", "2",
                "volume-size-gib", "200-400",
                "busy-hosts", "",
                "time-scale", "2000",
                "dir", work.resolve("demo").toString()),
            SOURCE);
  }

  @AfterAll
  static void stopTheSimulators() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void killedDuringCutoverThenRerunLeavesNoHostStoppedAndNothingTwice() throws Exception {
    List<SimInstance> hosts = world.fleet().stream().filter(SimInstance::running).toList();
    Path list = work.resolve("wave.csv");
    Files.writeString(
        list,
        "instance_id\n"
            + hosts.stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"))
            + "\n");
    List<Path> logs = new ArrayList<>();

    Process sync = start(logs, "sync", "--run-id", "killwave", list.toString());
    assertThat(sync.waitFor(180, TimeUnit.SECONDS)).as("sync ends").isTrue();
    assertThat(sync.exitValue()).as("sync exit; output in %s", logs.get(0)).isZero();

    // killed once a final copy is in flight: its host is stopped, its snapshots made
    Process first = start(logs, "cutover", "killwave");
    try {
      assertThat(
              await(
                  Duration.ofSeconds(90),
                  () -> finalCopies().stream().anyMatch(s -> "pending".equals(s.state()))))
          .as("a final copy in flight")
          .isTrue();
      kill(first);
    } finally {
      first.destroyForcibly();
    }
    assertThat(hosts).anyMatch(h -> !"running".equals(state(h.instanceId())));

    Process second = start(logs, "cutover", "killwave");
    try {
      assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("rerun ends").isTrue();
      assertThat(second.exitValue()).as("rerun exit; output in %s", logs.get(2)).isZero();
    } finally {
      second.destroyForcibly();
    }

    List<String> volumes =
        hosts.stream().flatMap(h -> h.volumes().stream()).map(SimVolume::volumeId).toList();
    List<SimSnapshot> finalSnapshots = finalSnapshots();
    assertThat(finalSnapshots)
        .extracting(SimSnapshot::volumeId)
        .containsExactlyInAnyOrderElementsOf(volumes);
    assertThat(finalCopies())
        .extracting(SimSnapshot::sourceSnapshotId)
        .containsExactlyInAnyOrderElementsOf(
            finalSnapshots.stream().map(SimSnapshot::snapshotId).toList());
    assertThat(finalCopies()).allMatch(c -> "completed".equals(c.state()));
    assertThat(world.ec2().images(TARGET)).hasSize(hosts.size());
    for (SimInstance h : hosts) {
      assertThat(state(h.instanceId())).as(h.instanceId()).isEqualTo("stopped");
      assertThat(world.ec2().tags(SOURCE, h.instanceId()))
          .doesNotContainKey(MigrationTags.STOPPED_BY);
    }
    assertThat(world.ssh().quiescedHosts()).isEmpty();
  }

  private static List<SimSnapshot> finalSnapshots() {
    return world.ec2().snapshots(SOURCE).stream()
        .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
        .toList();
  }

  private static List<SimSnapshot> finalCopies() {
    return world.ec2().snapshots(TARGET).stream()
        .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
        .toList();
  }

  private static String state(String id) {
    return world.ec2().instances(SOURCE).stream()
        .filter(i -> i.instanceId().equals(id))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private static Process start(List<Path> logs, String... args) throws IOException {
    Map<String, String> props = new TreeMap<>(world.overrides());
    props.put("migrator.demo.enabled", "false");
    props.put("migrator.inbox", work.resolve("inbox").toString());
    props.put("migrator.outbox", work.resolve("outbox").toString());
    props.put("migrator.quiesce.mode", "none");
    props.put("migrator.quiesce.stop.recheck", "50ms");
    props.put("migrator.cutover.admission-recheck", "50ms");
    props.put("migrator.poll.interval", "200");
    props.put("camel.main.shutdown-timeout", "5");
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, "--verbose");
    List<String> command =
        ChildMigrator.command(List.of("-Xmx256m"), props, all.toArray(String[]::new));
    Path dir = Files.createDirectories(Path.of("target", "cutover-kill-logs"));
    Path log = dir.resolve("child-" + (logs.size() + 1) + ".log").toAbsolutePath();
    logs.add(log);
    return new ProcessBuilder(command)
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void kill(Process process) throws InterruptedException {
    process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no rollback
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  private static boolean await(Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
