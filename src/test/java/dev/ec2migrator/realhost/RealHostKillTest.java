package dev.ec2migrator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.faults.ChildMigrator;
import dev.ec2migrator.quiesce.SudoersRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator process ({@code migrate} in a JVM of its own, against the demo EC2 world of this
 * JVM) killed with SIGKILL while a real OpenSSH host is quiesced, then the user's /dev/shm files
 * deleted as systemd-logind's RemoveIPC does when the user's last session ends: the host must be
 * writable again long before the dead-man time, by the quiesce session's own end, with the release
 * in the host's sudo log.
 */
class RealHostKillTest {
  private static final String SOURCE = "us-east-1";
  private static final Duration DEAD_MAN = Duration.ofSeconds(30);
  // the child JVM's start to its freeze: over a minute when the build shares two cores with others
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final String FREEZE = "sudo -n fsfreeze -f {mp}";
  private static final String UNFREEZE = "sudo -n fsfreeze -u {mp}";
  private static final String REMOUNT_RO = "sudo -n mount -o remount,ro {mp}";
  private static final String REMOUNT_RW = "sudo -n mount -o remount,rw {mp}";

  @TempDir static Path dir;
  private static RealSshHost host;
  private static DemoWorld world;

  @BeforeAll
  static void start() throws Exception {
    host = RealSshHost.start(dir.resolve("host"));
    world =
        DemoWorld.start(
            Map.of(
                "seed", "7",
                "instances", "1",
                "busy-hosts", "",
                "dir", dir.resolve("demo").toString()),
            SOURCE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (world != null) {
      world.close();
    }
    if (host != null) {
      host.close();
    }
  }

  /** A fresh ext4 mount per run, with sudo rules for exactly the commands the child runs on it. */
  private static Path mount(String name) throws IOException {
    Path data = dir.resolve(name);
    host.mountLoopExt4(data, false);
    // the same templates as config/application.properties, so the child's calls are allowed
    host.installSudoers(
        String.join(
            "\n",
            new SudoersRules(List.of(FREEZE, UNFREEZE, REMOUNT_RO, REMOUNT_RW))
                .lines(host.user(), List.of(data.toString()))));
    return data;
  }

  @Test
  void fsfreezeIsReleasedWhenTheMigratorIsKilled() throws Exception {
    Path data = mount("data-fsfreeze");
    Duration took =
        killWhileQuiescedAndTimeTheRelease(
            data,
            "fsfreeze",
            "(/usr)?/sbin/fsfreeze -f " + data,
            "(/usr)?/sbin/fsfreeze -u " + data);
    System.out.println("fsfreeze: writable again " + took.toMillis() + " ms after kill -9");
  }

  @Test
  void remountIsReleasedWhenTheMigratorIsKilled() throws Exception {
    Path data = mount("data-remount");
    Duration took =
        killWhileQuiescedAndTimeTheRelease(
            data,
            "remount",
            "(/usr)?/bin/mount -o remount,ro " + data,
            "(/usr)?/bin/mount -o remount,rw " + data);
    System.out.println("remount: writable again " + took.toMillis() + " ms after kill -9");
  }

  private Duration killWhileQuiescedAndTimeTheRelease(
      Path data, String mode, String quiesceCommand, String releaseCommand) throws Exception {
    SimInstance instance =
        world.fleet().stream().filter(i -> "running".equals(i.state())).findFirst().orElseThrow();
    Path list = dir.resolve(mode + ".csv");
    Files.writeString(
        list,
        "instance_id,ssh_host,ssh_user,mount_points,quiesce_mode\n"
            + String.join(
                ",",
                instance.instanceId(),
                "127.0.0.1:" + host.port(),
                host.user(),
                data.toString(),
                mode)
            + "\n");
    int logBefore = sudoCommands().size();
    // CreateSnapshots answers slowly, so the host stays quiesced long enough to be killed
    world.ec2().faults().latency("CreateSnapshots", Duration.ofSeconds(20));
    // kept in target/ for reading after the build
    Path log =
        Files.createDirectories(Path.of("target", "real-host-kill-logs"))
            .resolve("child-" + mode + ".log")
            .toAbsolutePath();
    Process child = start(list, log);
    Duration took;
    try {
      assertThat(
              await(WAIT, () -> sudoCommands(logBefore).stream().anyMatch(matches(quiesceCommand))))
          .as("the host is quiesced (sudo log %s, child output %s)", sudoCommands(), log)
          .isTrue();
      if (mode.equals("remount")) {
        // sudo logs the call before mount runs
        assertThat(
                await(
                    Duration.ofSeconds(10),
                    () -> RealHostQuiesceTest.options(data).startsWith("ro")))
            .as("read-only while quiesced; sudo log %s", sudoCommands(logBefore))
            .isTrue();
      } else {
        // frozen: the kernel refuses a second freeze with EBUSY
        assertThat(RealSshHost.run(List.of("fsfreeze", "-f", data.toString())).stderr())
            .contains("Device or resource busy");
      }

      child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no thaw from the migrator
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long killed = System.nanoTime();
      // what logind's RemoveIPC does when the user's last session ends: nothing may depend on them
      RealSshHost.run(List.of("find", "/dev/shm", "-user", host.user(), "-delete"));

      assertThat(
              await(
                  DEAD_MAN,
                  // sudo logs the call before the command runs: the mount's flag says when
                  () ->
                      sudoCommands(logBefore).stream().anyMatch(matches(releaseCommand))
                          && RealHostQuiesceTest.options(data).startsWith("rw")))
          .as("released within the dead-man time (sudo log %s)", sudoCommands())
          .isTrue();
      Path written = data.resolve("written-after-" + mode);
      RealSshHost.Result write =
          RealSshHost.run(
              List.of("timeout", "10", "sh", "-c", "echo ok > " + written + " && sync"));
      took = Duration.ofNanos(System.nanoTime() - killed);
      assertThat(write.exit()).as("a write succeeds: %s", write.stderr()).isZero();
      assertThat(Files.readString(written)).isEqualTo("ok\n");
      assertThat(RealHostQuiesceTest.options(data)).startsWith("rw");
      assertThat(took)
          .as("well within the dead-man's %s", DEAD_MAN)
          .isLessThan(Duration.ofSeconds(10));
    } finally {
      child.destroyForcibly();
      world.ec2().faults().clear();
    }
    return took;
  }

  private static java.util.function.Predicate<String> matches(String command) {
    return line -> line.matches(".*COMMAND=" + command + "$");
  }

  private static List<String> sudoCommands() {
    try {
      return Files.exists(host.sudoLog())
          ? Files.readAllLines(host.sudoLog()).stream().filter(l -> l.contains("COMMAND=")).toList()
          : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> sudoCommands(int from) {
    List<String> all = sudoCommands();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  private static Process start(Path list, Path log) throws IOException {
    Map<String, String> props = new TreeMap<>(world.overrides());
    props.put("migrator.demo.enabled", "false");
    props.put("migrator.inbox", dir.resolve("inbox").toString());
    props.put("migrator.outbox", dir.resolve("outbox").toString());
    props.put("migrator.ssh.private-key-file", host.privateKey().toString());
    props.put("migrator.ssh.known-hosts-file", host.knownHosts().toString());
    props.put("migrator.quiesce.dead-man", DEAD_MAN.toSeconds() + "s");
    props.put("migrator.poll.interval", "200");
    props.put("camel.main.shutdown-timeout", "5");
    List<String> command =
        ChildMigrator.command(List.of("-Xmx256m"), props, "migrate", "--verbose", list.toString());
    return new ProcessBuilder(command)
        .directory(Path.of("").toAbsolutePath().toFile()) // the project: routes/ and config/
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static boolean await(Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
