package dev.ec2migrator.quiesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.demo.ssh.HostEvent;
import dev.ec2migrator.demo.ssh.HostEvent.Kind;
import dev.ec2migrator.demo.ssh.SimHost;
import dev.ec2migrator.demo.ssh.SshHostSimulator;
import dev.ec2migrator.demo.ssh.SshSimulatorSettings;
import dev.ec2migrator.ssh.HostKeyVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiesce script held in one session by the real MINA client, on simulated hosts: what each way
 * of ending the hold does (thaw line, session drop, dead-man, TERM as logind sends it).
 */
class QuiesceSessionTest {
  static final List<String> MOUNTS = List.of("/", "/data");
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Map<QuiesceMode, QuiesceScript.Templates> TEMPLATES =
      Map.of(
          QuiesceMode.FSFREEZE,
          new QuiesceScript.Templates("sudo -n fsfreeze -f {mp}", "sudo -n fsfreeze -u {mp}"),
          QuiesceMode.REMOUNT,
          new QuiesceScript.Templates(
              "sudo -n mount -o remount,ro {mp}", "sudo -n mount -o remount,rw {mp}"));

  @TempDir Path dir;
  SshHostSimulator simulator;
  BoundedSshClientBuilder client;
  QuiesceSessions sessions;

  @BeforeEach
  void start() {
    // 1 simulated second of sleep = 10 ms: a dead-man of 100 s fires after 1 s
    simulator = SshHostSimulator.start(SshSimulatorSettings.defaults().withSleepScale(0.01));
    Path key = dir.resolve("id_ed25519");
    Path knownHosts = dir.resolve("known_hosts");
    simulator.writeClientPrivateKey(key);
    simulator.writeKnownHosts(knownHosts);
    client =
        new BoundedSshClientBuilder(
            WAIT, Duration.ofSeconds(30), key, new HostKeyVerifier(knownHosts));
    sessions = new QuiesceSessions(client, Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  QuiesceSession open(String host, QuiesceMode mode, long deadMan, Hooks pre, Hooks post) {
    String script = new QuiesceScript(TEMPLATES, deadMan).script(mode, MOUNTS, pre, post);
    return sessions.open(host, "127.0.0.1", simulator.port(), script);
  }

  QuiesceSession open(String host, QuiesceMode mode, long deadMan) {
    return open(host, mode, deadMan, Hooks.NONE, Hooks.NONE);
  }

  @Test
  void holdsTheHostQuiescedUntilTheThawLineAndRestoresEveryMount() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    try (QuiesceSession session = open("i-0abc", QuiesceMode.REMOUNT, 100_000)) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();
      assertThat(host.isReadOnly("/")).isTrue();
      assertThat(host.isReadOnly("/data")).isTrue();
      Thread.sleep(200); // held: nothing releases it meanwhile
      assertThat(host.isQuiesced()).isTrue();

      assertThat(session.thaw(WAIT)).isTrue();
    }
    assertThat(host.isQuiesced()).isFalse();
    assertThat(details(host, Kind.REMOUNT_RO, Kind.REMOUNT_RW))
        .containsExactly("REMOUNT_RO /", "REMOUNT_RO /data", "REMOUNT_RW /data", "REMOUNT_RW /");
    assertThat(kinds(host)).containsSubsequence(Kind.DEADMAN_ARMED, Kind.REMOUNT_RO);
    awaitUntil("the dead-man is gone", () -> kinds(host).contains(Kind.DEADMAN_EXPIRED));
    assertThat(kinds(host)).doesNotContain(Kind.DEADMAN_FIRED);
    awaitUntil("no process is left", () -> host.processCount() == 0);
  }

  @Test
  void fsfreezeModeFreezesAndThawsInReverseOrder() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    try (QuiesceSession session = open("i-0abc", QuiesceMode.FSFREEZE, 100_000)) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();
      assertThat(host.isFrozen("/")).isTrue();
      assertThat(host.isFrozen("/data")).isTrue();
      assertThat(host.isReadOnly("/")).isFalse();
      assertThat(session.thaw(WAIT)).isTrue();
    }
    assertThat(details(host, Kind.FREEZE, Kind.THAW))
        .containsExactly("FREEZE /", "FREEZE /data", "THAW /data", "THAW /");
  }

  @Test
  void autoModeFreezesWhereFsfreezeExistsAndRemountsWhereNot() throws Exception {
    SimHost modern = simulator.addHost("i-modern", MOUNTS);
    SimHost old = simulator.addHost("i-oel55", MOUNTS);
    old.withoutFsfreeze();
    for (String name : List.of("i-modern", "i-oel55")) {
      try (QuiesceSession session = open(name, QuiesceMode.AUTO, 100_000)) {
        assertThat(session.awaitFrozen(WAIT)).isTrue();
        assertThat(session.thaw(WAIT)).isTrue();
      }
    }
    assertThat(kinds(modern)).contains(Kind.FREEZE, Kind.THAW).doesNotContain(Kind.REMOUNT_RO);
    assertThat(kinds(old)).contains(Kind.REMOUNT_RO, Kind.REMOUNT_RW).doesNotContain(Kind.FREEZE);
  }

  @Test
  void aDroppedSessionReleasesAtOnceWithoutTheDeadMan() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    QuiesceSession session = open("i-0abc", QuiesceMode.FSFREEZE, 100_000);
    assertThat(session.awaitFrozen(WAIT)).isTrue();

    session.close(); // the migrator died, or the network closed the connection

    awaitUntil("released", () -> !host.isQuiesced());
    assertThat(kinds(host)).doesNotContain(Kind.DEADMAN_FIRED);
  }

  @Test
  void aPartitionedHostIsReleasedByItsDeadMan() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    try (QuiesceSession session = open("i-0abc", QuiesceMode.REMOUNT, 100)) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();
      host.partition(); // nothing gets through any more, not even the end of the session
      long frozenAt = System.nanoTime();

      assertThatThrownBy(() -> session.thaw(Duration.ofMillis(300)))
          .hasMessageContaining("no answer");

      awaitUntil("the dead-man fires", () -> !host.isQuiesced());
      assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).isLessThan(Duration.ofSeconds(5));
    }
    // the simulated dead-man's own "fired" event may land before or after its remounts
    assertThat(kinds(host))
        .containsSubsequence(Kind.DEADMAN_ARMED, Kind.REMOUNT_RO, Kind.REMOUNT_RW)
        .contains(Kind.DEADMAN_FIRED);
  }

  @Test
  void termToEveryProcessOfTheUserReleasesAtOnce() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    try (QuiesceSession session = open("i-0abc", QuiesceMode.FSFREEZE, 100_000)) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();

      host.signalUserProcesses("TERM"); // systemd-logind with KillUserProcesses=yes

      awaitUntil("released", () -> !host.isQuiesced());
      assertThat(session.thaw(WAIT)).as("it said THAWED and exited 0").isTrue();
    }
    assertThat(kinds(host)).doesNotContain(Kind.DEADMAN_FIRED);
  }

  @Test
  void aFailedFreezeReleasesWhatItQuiescedAndNeverSaysFrozen() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    host.failRemountBusy("/data", true);
    try (QuiesceSession session = open("i-0abc", QuiesceMode.REMOUNT, 100_000)) {
      assertThat(session.awaitFrozen(WAIT)).isFalse();
      assertThat(session.exitStatus()).isEqualTo(32);
      assertThat(session.stderr()).isEqualTo("mount: /data: mount point is busy.");
    }
    assertThat(host.isQuiesced()).isFalse();
    assertThat(details(host, Kind.REMOUNT_RO, Kind.REMOUNT_RW))
        .containsExactly("REMOUNT_RO /", "REMOUNT_RW /");
  }

  @Test
  void aReadOnlyMountIsLeftAloneAndStaysReadOnly() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    host.mount("/data", "ext4", true);
    try (QuiesceSession session = open("i-0abc", QuiesceMode.REMOUNT, 100_000)) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();
      assertThat(session.thaw(WAIT)).isTrue();
    }
    assertThat(host.isReadOnly("/data")).isTrue();
    assertThat(host.isReadOnly("/")).isFalse();
    assertThat(details(host, Kind.REMOUNT_RO, Kind.REMOUNT_RW))
        .containsExactly("REMOUNT_RO /", "REMOUNT_RW /");
  }

  @Test
  void aMountThatCannotBeQuiescedIsRefusedBeforeAnythingIsTouched() throws Exception {
    SimHost tmpfs = simulator.addHost("i-tmpfs", MOUNTS);
    tmpfs.mount("/data", "tmpfs", false);
    SimHost missing = simulator.addHost("i-missing", List.of("/"));
    for (SimHost host : List.of(tmpfs, missing)) {
      try (QuiesceSession session = open(host.name(), QuiesceMode.FSFREEZE, 100_000)) {
        assertThat(session.awaitFrozen(WAIT)).isFalse();
        assertThat(session.exitStatus()).isEqualTo(QuiesceScript.REFUSED);
      }
      assertThat(kinds(host)).containsOnly(Kind.COMMAND);
    }
    try (QuiesceSession session = open("i-tmpfs", QuiesceMode.FSFREEZE, 100_000)) {
      session.awaitFrozen(WAIT);
      assertThat(session.stderr()).isEqualTo("quiesce: /data: a tmpfs mount cannot be quiesced");
    }
    try (QuiesceSession session = open("i-missing", QuiesceMode.FSFREEZE, 100_000)) {
      session.awaitFrozen(WAIT);
      assertThat(session.stderr()).isEqualTo("quiesce: /data: not a mount point");
    }
  }

  @Test
  void hooksRunInTheSessionAFailingPreHookQuiescesNothing() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    try (QuiesceSession session =
        open(
            "i-0abc",
            QuiesceMode.FSFREEZE,
            100_000,
            new Hooks(List.of("false"), 500),
            Hooks.NONE)) {
      assertThat(session.awaitFrozen(WAIT)).isFalse();
      assertThat(session.exitStatus()).isEqualTo(Hooks.PRE_HOOK_FAILED);
      assertThat(session.stderr()).contains("pre-hook failed (exit 1)");
    }
    assertThat(kinds(host)).doesNotContain(Kind.FREEZE);

    // a pre-hook that hangs is killed at its timeout (TERM: 143)
    try (QuiesceSession session =
        open(
            "i-0abc",
            QuiesceMode.FSFREEZE,
            100_000,
            new Hooks(List.of("sleep 100000"), 20),
            Hooks.NONE)) {
      assertThat(session.awaitFrozen(WAIT)).isFalse();
      assertThat(session.stderr()).contains("pre-hook failed (exit 143)");
    }

    try (QuiesceSession session =
        open(
            "i-0abc",
            QuiesceMode.FSFREEZE,
            100_000,
            new Hooks(List.of("echo tables flushed"), 500),
            new Hooks(List.of("echo unlocked; false"), 500))) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();
      assertThat(session.thaw(WAIT)).isTrue(); // a failed post-hook: still released, exit 0
      assertThat(session.stderr())
          .isEqualTo("tables flushed | unlocked | " + Hooks.POST_HOOK_FAILED + " (exit 1)");
    }
    assertThat(host.isQuiesced()).isFalse();
  }

  @Test
  void aStaleDeadManCannotReleaseALaterFreeze() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    try (QuiesceSession first = open("i-0abc", QuiesceMode.REMOUNT, 50)) {
      assertThat(first.awaitFrozen(WAIT)).isTrue();
      assertThat(first.thaw(WAIT)).isTrue();
    }
    try (QuiesceSession second = open("i-0abc", QuiesceMode.REMOUNT, 100_000)) {
      assertThat(second.awaitFrozen(WAIT)).isTrue();
      Thread.sleep(1000); // twice the first dead-man's time
      assertThat(host.isQuiesced()).isTrue();
      assertThat(second.thaw(WAIT)).isTrue();
    }
    assertThat(kinds(host)).doesNotContain(Kind.DEADMAN_FIRED);
  }

  @Test
  void fiftyHostsHeldAtOnceAllReleaseByThawOrDeadMan() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      names.add(String.format("i-%017x", i));
      simulator.addHost(names.get(i), MOUNTS);
    }
    List<QuiesceSession> held = new ArrayList<>();
    for (String name : names) {
      // every tenth host with a dead-man of 1 s, the others held until their thaw
      held.add(open(name, QuiesceMode.FSFREEZE, held.size() % 10 == 0 ? 100 : 100_000));
    }
    for (QuiesceSession session : held) {
      assertThat(session.awaitFrozen(WAIT)).isTrue();
    }
    awaitUntil("the short dead-men fired", () -> simulator.quiescedHosts().size() == 45);
    for (QuiesceSession session : held) {
      session.thaw(WAIT);
      session.close();
    }
    assertThat(simulator.quiescedHosts()).isEmpty();
  }

  @Test
  void anUnknownHostKeyIsRefusedBeforeLogin() throws Exception {
    SimHost host = simulator.addHost("i-0abc", MOUNTS);
    Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
    try (BoundedSshClientBuilder other =
        new BoundedSshClientBuilder(
            WAIT, WAIT, dir.resolve("id_ed25519"), new HostKeyVerifier(empty))) {
      QuiesceSessions strict = new QuiesceSessions(other, WAIT);
      assertThatThrownBy(() -> strict.open("i-0abc", "127.0.0.1", simulator.port(), "true"))
          .isInstanceOf(QuiesceSessions.SshFailure.class)
          .hasMessageContaining("host key");
    }
    assertThat(host.events()).isEmpty();
  }

  static List<Kind> kinds(SimHost host) {
    return host.events().stream().map(HostEvent::kind).toList();
  }

  static List<String> details(SimHost host, Kind... kinds) {
    List<Kind> wanted = List.of(kinds);
    return host.events().stream()
        .filter(e -> wanted.contains(e.kind()))
        .map(e -> e.kind() + " " + e.detail())
        .toList();
  }

  static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("gave up waiting until " + what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
