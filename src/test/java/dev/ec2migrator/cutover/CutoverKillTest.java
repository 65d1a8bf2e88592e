package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.Ec2Counters;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.faults.ChildMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cutover} command as a separate JVM, killed with SIGKILL, then run again. One {@code
 * sync} (its own JVM) serves both tests; each cuts over half of the fleet as a sub-list and kills
 * at its own moment: while hosts are stopped with their final copies in flight, or while hosts are
 * in their catch-up (catch-up snapshots pending and catch-up copies in flight). The simulators live
 * in this test's JVM and outlive the killed process: at the end no host is left stopped without its
 * image, none is tagged stopped-by or frozen, and every volume has had exactly one catch-up
 * snapshot and copy and one final snapshot and copy made for it (the simulator's per-volume
 * counters, which count what was deleted since).
 */
@TestMethodOrder(OrderAnnotation.class)
class CutoverKillTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final String SYNC_RUN = "killwave";

  @TempDir static Path work;
  private static DemoWorld world;
  private static List<SimInstance> hosts;
  private final Map<String, String> stateBeforeRerun = new HashMap<>();

  @BeforeAll
  static void startTheSimulatorsAndSync() throws Exception {
    world =
        DemoWorld.start(
            Map.of(
                "seed", "42",
                "instances", "12",
                "volumes-per-instance", "2",
                "volume-size-gib", "200-400",
                "busy-hosts", "",
                "time-scale", "2000",
                "dir", work.resolve("demo").toString()),
            SOURCE);
    hosts = world.fleet().stream().filter(SimInstance::running).toList();
    Path log = log("sync");
    Process sync = start(log, "sync", "--run-id", SYNC_RUN, list("fleet", hosts).toString());
    try {
      assertThat(sync.waitFor(300, TimeUnit.SECONDS)).as("sync ends").isTrue();
      assertThat(sync.exitValue()).as("sync exit; output in %s", log).isZero();
    } finally {
      sync.destroyForcibly();
    }
  }

  @AfterAll
  static void stopTheSimulators() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  @Order(2)
  void killedDuringTheFinalCopiesThenRerunLeavesNoHostStoppedAndNothingTwice() throws Exception {
    List<SimInstance> wave = hosts.subList(0, hosts.size() / 2);
    Map<String, long[]> before = madeSoFar(wave);
    // killed once a final copy is in flight: its host is stopped, its snapshots made
    killAndRerun(
        "final",
        wave,
        () -> finalCopies(wave).stream().anyMatch(s -> "pending".equals(s.state())),
        "a final copy in flight");
    assertThat(wave).anyMatch(h -> !"running".equals(stateBeforeRerun.get(h.instanceId())));
    assertEachHostCutOverOnce(wave, before);
  }

  // first: the longer a host runs after the sync, the more its catch-up carries
  @Test
  @Order(1)
  void killedDuringTheCatchUpThenRerunAdoptsWhatTheCatchUpMade() throws Exception {
    List<SimInstance> wave = hosts.subList(hosts.size() / 2, hosts.size());
    Map<String, long[]> before = madeSoFar(wave);
    // killed while hosts catch up: catch-up copies in flight, and catch-up snapshots pending or
    // hosts still waiting for their turn
    killAndRerun(
        "catch-up",
        wave,
        () ->
            catchUps(TARGET, wave).stream().anyMatch(s -> "pending".equals(s.state()))
                && (catchUps(SOURCE, wave).stream().anyMatch(s -> "pending".equals(s.state()))
                    || catchUps(SOURCE, wave).size() < volumes(wave).size()),
        "catch-up copies in flight, catch-up snapshots pending or to come");
    assertEachHostCutOverOnce(wave, before);
  }

  /** Cuts the wave over, kills the process once the moment holds, then runs it again to its end. */
  private void killAndRerun(
      String name, List<SimInstance> wave, BooleanSupplier moment, String what) throws Exception {
    Path list = list(name, wave);
    Path killedLog = log(name + "-killed");
    Process first = start(killedLog, "cutover", SYNC_RUN, "--list", list.toString());
    try {
      assertThat(ChildMigrator.await(Duration.ofSeconds(150), moment))
          .as("%s; output in %s", what, killedLog)
          .isTrue();
      assertThat(ChildMigrator.kill(first)).isTrue(); // SIGKILL: no shutdown hook, no rollback
    } finally {
      first.destroyForcibly();
    }
    wave.forEach(h -> stateBeforeRerun.put(h.instanceId(), state(h.instanceId())));
    Path rerunLog = log(name + "-rerun");
    Process second = start(rerunLog, "cutover", SYNC_RUN, "--list", list.toString());
    try {
      assertThat(second.waitFor(300, TimeUnit.SECONDS)).as("rerun ends").isTrue();
      assertThat(second.exitValue()).as("rerun exit; output in %s", rerunLog).isZero();
    } finally {
      second.destroyForcibly();
    }
  }

  /**
   * Every host stopped (the rollback) with its image and untagged, none frozen; per volume exactly
   * one catch-up and one final snapshot and copy made since the sync, and one final pair kept.
   */
  private static void assertEachHostCutOverOnce(
      List<SimInstance> wave, Map<String, long[]> before) {
    List<String> volumes = volumes(wave);
    List<SimSnapshot> finalSnapshots = finalSnapshots(wave);
    assertThat(finalSnapshots)
        .extracting(SimSnapshot::volumeId)
        .containsExactlyInAnyOrderElementsOf(volumes);
    List<SimSnapshot> finalCopies = finalCopies(wave);
    assertThat(finalCopies)
        .extracting(SimSnapshot::sourceSnapshotId)
        .containsExactlyInAnyOrderElementsOf(
            finalSnapshots.stream().map(SimSnapshot::snapshotId).toList());
    assertThat(finalCopies).allMatch(c -> "completed".equals(c.state()));
    Map<String, long[]> made = madeSoFar(wave);
    for (String v : volumes) {
      assertThat(made.get(v)[0] - before.get(v)[0])
          .as("snapshots made of %s since the sync: one catch-up, one final", v)
          .isEqualTo(2);
      assertThat(made.get(v)[1] - before.get(v)[1])
          .as("copies made of %s since the sync: one catch-up, one final", v)
          .isEqualTo(2);
    }
    Set<String> imageNames =
        world.ec2().images(TARGET).stream().map(i -> i.name()).collect(Collectors.toSet());
    for (SimInstance h : wave) {
      assertThat(imageNames)
          .as("image of %s", h.instanceId())
          .anyMatch(n -> n.endsWith(h.instanceId()));
      assertThat(state(h.instanceId())).as(h.instanceId()).isEqualTo("stopped");
      assertThat(world.ec2().tags(SOURCE, h.instanceId()))
          .doesNotContainKey(MigrationTags.STOPPED_BY);
    }
    assertThat(world.ssh().quiescedHosts()).isEmpty();
  }

  /** Per volume of the wave: {snapshots made, copies made}, deleted ones included. */
  private static Map<String, long[]> madeSoFar(List<SimInstance> wave) {
    Ec2Counters counters = world.ec2().counters();
    Map<String, long[]> made = new TreeMap<>();
    for (String v : volumes(wave)) {
      made.put(v, new long[] {counters.snapshotsMade(SOURCE, v), counters.copiesMade(TARGET, v)});
    }
    return made;
  }

  private static List<String> volumes(List<SimInstance> wave) {
    return wave.stream().flatMap(h -> h.volumes().stream()).map(SimVolume::volumeId).toList();
  }

  /** The wave's warm snapshots (or copies) made after the sync's first pass: its catch-ups. */
  private static List<SimSnapshot> catchUps(String region, List<SimInstance> wave) {
    return ofWave(region, wave).stream()
        .filter(s -> "sync".equals(s.tags().get(MigrationTags.PHASE)))
        .filter(s -> !"1".equals(s.tags().get(MigrationTags.PASS)))
        .toList();
  }

  private static List<SimSnapshot> finalSnapshots(List<SimInstance> wave) {
    return ofWave(SOURCE, wave).stream()
        .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
        .toList();
  }

  private static List<SimSnapshot> finalCopies(List<SimInstance> wave) {
    return ofWave(TARGET, wave).stream()
        .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
        .toList();
  }

  private static List<SimSnapshot> ofWave(String region, List<SimInstance> wave) {
    Set<String> ids = wave.stream().map(SimInstance::instanceId).collect(Collectors.toSet());
    return world.ec2().snapshots(region).stream()
        .filter(s -> ids.contains(s.tags().get(MigrationTags.SOURCE_INSTANCE)))
        .toList();
  }

  private static String state(String id) {
    return world.ec2().instances(SOURCE).stream()
        .filter(i -> i.instanceId().equals(id))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private static Path list(String name, List<SimInstance> wave) throws IOException {
    return Files.writeString(
        work.resolve(name + ".csv"),
        "instance_id\n"
            + wave.stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"))
            + "\n");
  }

  /** Kept under target/ for a look after a failure. */
  private static Path log(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "cutover-kill-logs"));
    return dir.resolve(name + ".log").toAbsolutePath();
  }

  private static Process start(Path log, String... args) throws IOException {
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
    return ChildMigrator.start(
        ChildMigrator.command(List.of("-Xmx256m"), props, all.toArray(String[]::new)), log);
  }
}
