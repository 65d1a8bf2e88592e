package dev.ec2migrator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.quiesce.Hooks;
import dev.ec2migrator.quiesce.QuiesceMode;
import dev.ec2migrator.quiesce.QuiesceScript;
import dev.ec2migrator.quiesce.QuiesceSession;
import dev.ec2migrator.quiesce.QuiesceSessions;
import dev.ec2migrator.quiesce.SudoersRules;
import dev.ec2migrator.ssh.HostKeyVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiesce script on a real host (Debian's sshd, dash as sh, real sudo with the exact rules,
 * loop-mounted ext4): held in one session by the migrator's MINA client, released by the thaw line,
 * by the session's end (the migrator killed) even with the user's /dev/shm emptied, and by TERM to
 * every process of the user (systemd-logind with KillUserProcesses=yes).
 */
class RealHostQuiesceTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String FREEZE = "sudo -n fsfreeze -f {mp}";
  static final String UNFREEZE = "sudo -n fsfreeze -u {mp}";
  static final String REMOUNT_RO = "sudo -n mount -o remount,ro {mp}";
  static final String REMOUNT_RW = "sudo -n mount -o remount,rw {mp}";

  @TempDir static Path dir;
  static RealSshHost host;
  static Path data;
  static Path archive;
  static BoundedSshClientBuilder client;
  static QuiesceSessions sessions;

  @BeforeAll
  static void start() throws Exception {
    host = RealSshHost.start(dir);
    data = dir.resolve("data");
    archive = dir.resolve("archive");
    host.mountLoopExt4(data, false);
    host.mountLoopExt4(archive, true);
    List<String> mounts = List.of(data.toString(), archive.toString());
    host.installSudoers(
        String.join(
            "\n",
            new SudoersRules(List.of(FREEZE, UNFREEZE, REMOUNT_RO, REMOUNT_RW))
                .lines(host.user(), mounts)));
    client =
        new BoundedSshClientBuilder(
            WAIT, WAIT, host.privateKey(), new HostKeyVerifier(host.knownHosts()));
    sessions = new QuiesceSessions(client, Duration.ofMinutes(5));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (host != null) {
      host.close();
    }
  }

  QuiesceSession open(QuiesceMode mode, long deadMan) {
    String script =
        new QuiesceScript(
                Map.of(
                    QuiesceMode.FSFREEZE, new QuiesceScript.Templates(FREEZE, UNFREEZE),
                    QuiesceMode.REMOUNT, new QuiesceScript.Templates(REMOUNT_RO, REMOUNT_RW)),
                deadMan)
            .script(mode, List.of(data.toString(), archive.toString()), Hooks.NONE, Hooks.NONE);
    return sessions.open(host.user(), "127.0.0.1", host.port(), script);
  }

  @Test
  void remountHoldsReadOnlyUntilTheThawAndARealReadOnlyMountStaysSo() throws Exception {
    long logBefore = sudoLines().size();
    try (QuiesceSession session = open(QuiesceMode.REMOUNT, 300)) {
      assertThat(session.awaitFrozen(WAIT)).as(session.stderr()).isTrue();
      assertThat(options(data)).startsWith("ro");
      assertThat(session.thaw(WAIT)).as(session.stderr()).isTrue();
    }
    assertThat(options(data)).startsWith("rw");
    assertThat(options(archive)).as("read-only before, read-only after").startsWith("ro");
    host.exec("touch " + data + "/written-after-the-thaw");
    List<String> calls = sudoLines().subList((int) logBefore, sudoLines().size());
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).containsPattern("COMMAND=(/usr)?/bin/mount -o remount,ro " + data);
    assertThat(calls.get(1)).containsPattern("COMMAND=(/usr)?/bin/mount -o remount,rw " + data);
  }

  @Test
  void fsfreezeFreezesUntilTheThaw() throws Exception {
    long logBefore = sudoLines().size();
    try (QuiesceSession session = open(QuiesceMode.AUTO, 300)) {
      assertThat(session.awaitFrozen(WAIT)).as(session.stderr()).isTrue();
      // frozen: the kernel refuses a second freeze with EBUSY
      RealSshHost.Result again = RealSshHost.run(List.of("fsfreeze", "-f", data.toString()));
      assertThat(again.stderr()).contains("Device or resource busy");
      assertThat(session.thaw(WAIT)).as(session.stderr()).isTrue();
    }
    host.exec("touch " + data + "/written-after-the-thaw");
    List<String> calls = sudoLines().subList((int) logBefore, sudoLines().size());
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).containsPattern("COMMAND=(/usr)?/sbin/fsfreeze -f " + data);
    assertThat(calls.get(1)).containsPattern("COMMAND=(/usr)?/sbin/fsfreeze -u " + data);
  }

  @Test
  void theMigratorGoneReleasesAtOnceEvenWithItsDevShmFilesDeleted() throws Exception {
    QuiesceSession session = open(QuiesceMode.REMOUNT, 300);
    assertThat(session.awaitFrozen(WAIT)).as(session.stderr()).isTrue();
    // as logind's RemoveIPC does when the user's last session ends: nothing depends on them
    host.exec("find /dev/shm -user $(id -u) -delete 2>/dev/null; true");
    long dropped = System.nanoTime();

    session.close(); // the TCP connection closes as it does when the migrator is killed -9

    awaitUntil("released", () -> options(data).startsWith("rw"));
    assertThat(Duration.ofNanos(System.nanoTime() - dropped))
        .as("long before the dead-man's 300 s")
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void termToEveryProcessOfTheUserReleasesAtOnce() throws Exception {
    try (QuiesceSession session = open(QuiesceMode.REMOUNT, 300)) {
      assertThat(session.awaitFrozen(WAIT)).as(session.stderr()).isTrue();

      // what systemd-logind does to the session's processes with KillUserProcesses=yes
      RealSshHost.Result kill = RealSshHost.run(List.of("pkill", "-TERM", "-u", host.user()));
      assertThat(kill.exit()).isZero();

      awaitUntil("released", () -> options(data).startsWith("rw"));
    }
    assertThat(options(archive)).startsWith("ro");
  }

  @Test
  void theDeadManReleasesASessionThatSaysNothing() throws Exception {
    try (QuiesceSession session = open(QuiesceMode.REMOUNT, 3)) {
      assertThat(session.awaitFrozen(WAIT)).as(session.stderr()).isTrue();
      // the session stays up but says nothing: only the dead-man can release
      awaitUntil("released by the dead-man", () -> options(data).startsWith("rw"));
      assertThat(session.thaw(WAIT)).isTrue();
      assertThat(session.stderr()).contains(QuiesceScript.DEAD_MAN_FIRED);
    }
  }

  /** The options column of the mount in /proc/mounts, e.g. "rw,relatime". */
  static String options(Path mountPoint) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
        String[] f = line.split(" ");
        if (f[1].equals(mountPoint.toString())) {
          return f[3];
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError(mountPoint + " is not mounted");
  }

  static List<String> sudoLines() throws java.io.IOException {
    return Files.exists(host.sudoLog())
        ? Files.readAllLines(host.sudoLog()).stream().filter(l -> l.contains("COMMAND=")).toList()
        : List.of();
  }

  static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("gave up waiting until " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
