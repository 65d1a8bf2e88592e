package dev.ec2migrator.sim.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.sim.ssh.HostEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrator's one-line freeze (with its dead-man) and thaw, in both quiesce modes. */
class DeadManTest extends SimulatorTestBase {

  static final List<String> MOUNTS = List.of("/", "/data");
  static final String FREEZE =
      "touch /dev/shm/ec2-migrator.r1-i-0abc-7f3a && (setsid sh -c 'sleep 300; rm"
          + " /dev/shm/ec2-migrator.r1-i-0abc-7f3a 2>/dev/null || exit 0; sudo -n mount -o"
          + " remount,rw '\\''/data'\\''; sudo -n mount -o remount,rw '\\''/'\\''' </dev/null"
          + " >/dev/null 2>&1 &) && sudo -n mount -o remount,ro '/' && sudo -n mount -o"
          + " remount,ro '/data'";
  static final String THAW =
      "rm -f /dev/shm/ec2-migrator.r1-i-0abc-7f3a; sudo -n mount -o remount,rw '/data'; sudo -n"
          + " mount -o remount,rw '/'";
  static final String MARKER = "/dev/shm/ec2-migrator.r1-i-0abc-7f3a";

  SimHost host;

  @Override
  SshSimulatorSettings settings() {
    // 300 simulated seconds = 3 s: a thaw sent right after the freeze always wins the race
    return SshSimulatorSettings.defaults().withSleepScale(0.01);
  }

  @BeforeEach
  void addHost() {
    host = simulator.addHost("i-0abc", MOUNTS);
  }

  @Test
  void freezeMakesEveryMountReadOnlyAndArmsTheDeadMan() {
    assertThat(ssh.exec("i-0abc", FREEZE)).isEqualTo(new SshReply("", "", 0));

    assertThat(host.isReadOnly("/")).isTrue();
    assertThat(host.isReadOnly("/data")).isTrue();
    assertThat(host.filePresent(MARKER)).isTrue();
    assertThat(kinds()).containsSubsequence(Kind.DEADMAN_ARMED, Kind.REMOUNT_RO, Kind.REMOUNT_RO);

    assertThat(ssh.exec("i-0abc", THAW)).isEqualTo(new SshReply("", "", 0));

    assertThat(host.isQuiesced()).isFalse();
    assertThat(host.filePresent(MARKER)).isFalse();
    awaitUntil("the dead-man wakes up", () -> kinds().contains(Kind.DEADMAN_EXPIRED));
    assertThat(kinds()).doesNotContain(Kind.DEADMAN_FIRED);
    assertThat(host.events().get(host.events().size() - 1).detail()).isEqualTo(MARKER);
  }

  @Test
  void deadManThawsWhenNoThawComes() {
    assertThat(ssh.exec("i-0abc", QuiesceCommands.freeze("run1", 30, MOUNTS, false)).exitValue())
        .isZero();

    awaitUntil("the dead-man fires", () -> !host.isQuiesced());

    assertThat(host.filePresent(QuiesceCommands.marker("run1"))).isFalse();
    assertThat(kinds())
        .containsSubsequence(
            Kind.DEADMAN_ARMED,
            Kind.REMOUNT_RO,
            Kind.REMOUNT_RO,
            Kind.DEADMAN_FIRED,
            Kind.REMOUNT_RW,
            Kind.REMOUNT_RW);
    assertThat(host.lastReleasedAt().orElseThrow()).isAfter(host.lastQuiescedAt().orElseThrow());
  }

  @Test
  void staleDeadManDoesNotThawALaterFreeze() {
    String first = QuiesceCommands.freeze("run1-a", 30, MOUNTS, false);
    String second = QuiesceCommands.freeze("run1-b", 100_000, MOUNTS, false);
    assertThat(ssh.exec("i-0abc", first).exitValue()).isZero();
    assertThat(ssh.exec("i-0abc", QuiesceCommands.thaw("run1-a", MOUNTS, false)).exitValue())
        .isZero();
    assertThat(ssh.exec("i-0abc", second).exitValue()).isZero();

    awaitUntil("the first dead-man wakes up", () -> kinds().contains(Kind.DEADMAN_EXPIRED));

    assertThat(host.isReadOnly("/")).isTrue();
    assertThat(host.isReadOnly("/data")).isTrue();
    assertThat(host.filePresent(QuiesceCommands.marker("run1-b"))).isTrue();
    assertThat(kinds()).doesNotContain(Kind.DEADMAN_FIRED);

    assertThat(ssh.exec("i-0abc", QuiesceCommands.thaw("run1-b", MOUNTS, false)).exitValue())
        .isZero();
    assertThat(simulator.quiescedHosts()).isEmpty();
  }

  @Test
  void fsfreezeModeFreezesAndThawsAndItsDeadManFires() {
    String freeze = QuiesceCommands.freeze("fs-1", 100, MOUNTS, true);

    assertThat(ssh.exec("i-0abc", freeze)).isEqualTo(new SshReply("", "", 0));
    assertThat(host.isFrozen("/")).isTrue();
    assertThat(host.isFrozen("/data")).isTrue();
    assertThat(host.isReadOnly("/")).isFalse();

    awaitUntil("the dead-man fires", () -> !host.isQuiesced());
    assertThat(kinds()).containsSubsequence(Kind.DEADMAN_FIRED, Kind.THAW, Kind.THAW);

    assertThat(ssh.exec("i-0abc", QuiesceCommands.thaw("fs-1", MOUNTS, true)))
        .isEqualTo(
            new SshReply(
                "",
                "fsfreeze: /data: unfreeze failed: Invalid argument\n"
                    + "fsfreeze: /: unfreeze failed: Invalid argument\n",
                1));
  }

  @Test
  void aFailedFreezeStillLeavesTheDeadManToUndoTheMountsAlreadyReadOnly() {
    host.failRemountBusy("/data", true);

    SshReply reply = ssh.exec("i-0abc", QuiesceCommands.freeze("busy-1", 100, MOUNTS, false));

    assertThat(reply).isEqualTo(new SshReply("", "mount: /data: mount point is busy.\n", 32));
    assertThat(host.isReadOnly("/")).isTrue();
    awaitUntil("the dead-man fires", () -> !host.isQuiesced());
  }

  private List<Kind> kinds() {
    return host.events().stream().map(HostEvent::kind).toList();
  }
}
