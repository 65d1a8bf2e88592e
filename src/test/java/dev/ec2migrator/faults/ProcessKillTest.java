package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.demo.ssh.HostEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator as a separate JVM (the {@code migrate} command), killed with SIGKILL while hosts are
 * frozen and again while copies are in flight, then started again on the same list. The simulators
 * live in this test's JVM, so they outlive the killed process: the run must end with exactly one
 * snapshot per volume, one copy per snapshot, every host released (the killed process cannot thaw:
 * each host's quiesce script sees its session end and releases at once, long before its dead-man)
 * and a complete CSV. The child's output is also checked for secrets.
 */
class ProcessKillTest {
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
                "busy-hosts", "",
                // copies take up to a few seconds: long enough to be killed while in flight
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
  void killedWhileFrozenAndWhileCopyingThenRestartedCompletesExactlyOnce() throws Exception {
    Path list = work.resolve("fleet.csv");
    Files.writeString(
        list,
        "instance_id\n"
            + world.fleet().stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"))
            + "\n");
    List<Path> logs = new ArrayList<>();

    // 1. killed while the hosts are frozen: CreateSnapshots is slow, so they stay frozen a while
    world.ec2().faults().latency("CreateSnapshots", Duration.ofMillis(2500));
    Process first = start(list, logs);
    try {
      assertThat(await(Duration.ofSeconds(60), () -> !world.ssh().quiescedHosts().isEmpty()))
          .as("a host was frozen")
          .isTrue();
      List<String> frozen = world.ssh().quiescedHosts();
      kill(first);
      assertThat(frozen).as("frozen when killed").isNotEmpty();
      // nobody is left to thaw them: the kernel closed the dead process's connections, so each
      // script sees EOF on its session and releases, well within the dead-man's 30 s
      assertThat(await(Duration.ofSeconds(5), () -> world.ssh().quiescedHosts().isEmpty()))
          .as("released when the sessions ended")
          .isTrue();
      for (String host : frozen) {
        assertThat(world.ssh().host(host).events())
            .extracting(HostEvent::kind)
            .doesNotContain(HostEvent.Kind.DEADMAN_FIRED);
      }
      Thread.sleep(1000); // the CreateSnapshots calls the dead process left behind have answered
    } finally {
      first.destroyForcibly();
    }
    world.ec2().faults().clear();

    // 2. killed while copies are in flight
    Process second = start(list, logs);
    try {
      assertThat(
              await(
                  Duration.ofSeconds(60),
                  () ->
                      world.ec2().snapshots(TARGET).stream()
                          .anyMatch(s -> "pending".equals(s.state()))))
          .as("a copy in flight")
          .isTrue();
      kill(second);
    } finally {
      second.destroyForcibly();
    }
    assertThat(world.ec2().snapshots(TARGET)).anyMatch(s -> "pending".equals(s.state()));

    // 3. the same list again: resumes and completes
    Process third = start(list, logs);
    try {
      assertThat(third.waitFor(120, TimeUnit.SECONDS)).as("third run ends").isTrue();
      assertThat(third.exitValue())
          .as("exit code; output in %s", logs.get(logs.size() - 1))
          .isZero();
    } finally {
      third.destroyForcibly();
    }

    assertExactlyOneSnapshotPerVolumeAndOneCopyPerSnapshot();
    assertThat(world.ssh().quiescedHosts()).isEmpty();
    assertTheCsvIsCompleteAndNothingHalfWritten();
    assertNoSecretInTheOutput(logs);
  }

  private void assertExactlyOneSnapshotPerVolumeAndOneCopyPerSnapshot() {
    List<SimSnapshot> sources = world.ec2().snapshots(SOURCE);
    List<SimSnapshot> copies = world.ec2().snapshots(TARGET);
    assertThat(sources.stream().map(s -> s.tags().get(MigrationTags.RUN)).distinct()).hasSize(1);
    List<String> volumes =
        world.fleet().stream().flatMap(i -> i.volumes().stream()).map(SimVolume::volumeId).toList();
    assertThat(sources)
        .extracting(SimSnapshot::volumeId)
        .containsExactlyInAnyOrderElementsOf(volumes);
    assertThat(copies)
        .extracting(SimSnapshot::sourceSnapshotId)
        .containsExactlyInAnyOrderElementsOf(
            sources.stream().map(SimSnapshot::snapshotId).toList());
    assertThat(copies).allMatch(c -> "completed".equals(c.state()));
    assertThat(world.ec2().images(TARGET)).hasSize(world.fleet().size());
  }

  private void assertTheCsvIsCompleteAndNothingHalfWritten() throws IOException {
    Path outbox = work.resolve("outbox");
    List<Path> files;
    try (Stream<Path> s = Files.list(outbox)) {
      files = s.toList();
    }
    assertThat(files)
        .as("no temporary file left")
        .noneMatch(p -> p.getFileName().toString().startsWith("."));
    List<Path> csvs =
        files.stream().filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
    assertThat(csvs).hasSize(1);
    List<CSVRecord> rows;
    try (Reader reader = Files.newBufferedReader(csvs.get(0));
        CSVParser parser =
            CSVParser.parse(
                reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      rows = parser.getRecords();
    }
    long volumes = world.fleet().stream().mapToLong(i -> i.volumes().size()).sum();
    assertThat(rows).hasSize((int) volumes).allMatch(r -> r.get("status").equals("MIGRATED"));
  }

  /** Neither the private key nor the AWS secret reaches the process's output. */
  private static void assertNoSecretInTheOutput(List<Path> logs) throws IOException {
    String key = Files.readString(work.resolve("demo").resolve("id_ed25519"));
    String body =
        key.lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining()).strip();
    Set<String> needles =
        Set.of(
            body.substring(0, 40),
            body.substring(body.length() - 40),
            "simulated-secret",
            // the same secret as a log line might carry it base64-encoded
            Base64.getEncoder()
                .encodeToString("simulated-secret".getBytes(StandardCharsets.UTF_8)));
    for (Path log : logs) {
      String text = Files.readString(log);
      assertThat(text).as("output of %s", log).isNotEmpty();
      for (String needle : needles) {
        assertThat(text).as("%s in %s", needle, log).doesNotContain(needle);
      }
    }
  }

  private static Process start(Path list, List<Path> logs) throws IOException {
    Map<String, String> props = new TreeMap<>(world.overrides());
    props.put("migrator.demo.enabled", "false");
    props.put("migrator.inbox", work.resolve("inbox").toString());
    props.put("migrator.outbox", work.resolve("outbox").toString());
    props.put("migrator.quiesce.dead-man", "30s");
    props.put("migrator.poll.interval", "200");
    props.put("camel.main.shutdown-timeout", "5");
    // --verbose: the whole log on the output, which is checked for secrets
    List<String> command =
        ChildMigrator.command(List.of("-Xmx256m"), props, "migrate", "--verbose", list.toString());
    // kept in target/ for reading after the build
    Path dir = Files.createDirectories(Path.of("target", "process-kill-logs"));
    Path log = dir.resolve("child-" + (logs.size() + 1) + ".log").toAbsolutePath();
    logs.add(log);
    return ChildMigrator.start(command, log);
  }

  private static void kill(Process process) throws InterruptedException {
    assertThat(ChildMigrator.kill(process)).isTrue(); // SIGKILL: no shutdown hook, no thaw
  }

  private static boolean await(Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    return ChildMigrator.await(limit, condition);
  }
}
