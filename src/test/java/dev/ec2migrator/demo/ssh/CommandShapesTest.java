package dev.ec2migrator.demo.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exit codes, stdout and stderr of every command shape, through a real camel-ssh producer. */
class CommandShapesTest extends SimulatorTestBase {

  SimHost host;

  @BeforeEach
  void addHost() {
    host = simulator.addHost("i-0abc", List.of("/", "/data"));
  }

  @Test
  void remountsReadOnlyAndBackIdempotently() {
    assertThat(run("sudo -n mount -o remount,ro '/data'")).isEqualTo(new SshReply("", "", 0));
    assertThat(host.isReadOnly("/data")).isTrue();
    assertThat(host.isReadOnly("/")).isFalse();
    assertThat(host.isQuiesced()).isTrue();
    assertThat(simulator.quiescedHosts()).containsExactly("i-0abc");

    assertThat(run("sudo -n mount -o remount,ro /data").exitValue()).isZero();
    assertThat(run("sudo -n mount -o remount,rw /data").exitValue()).isZero();
    assertThat(run("sudo -n mount -o remount,rw /data").exitValue()).isZero();
    assertThat(host.isQuiesced()).isFalse();
    assertThat(host.lastQuiescedAt()).isPresent();
    assertThat(host.lastReleasedAt()).isPresent();
    assertThat(host.events())
        .extracting(HostEvent::kind, HostEvent::detail)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple(HostEvent.Kind.REMOUNT_RO, "/data"),
            org.assertj.core.groups.Tuple.tuple(HostEvent.Kind.REMOUNT_RW, "/data"));
  }

  @Test
  void refusesAnUnknownMountPoint() {
    assertThat(run("sudo -n mount -o remount,ro /nope"))
        .isEqualTo(new SshReply("", "mount: /nope: mount point not mounted or bad option.\n", 32));
  }

  @Test
  void refusesRemountWithoutSudo() {
    assertThat(run("mount -o remount,ro /"))
        .isEqualTo(new SshReply("", "mount: only root can use \"--options\" option\n", 32));
    assertThat(host.isReadOnly("/")).isFalse();
  }

  @Test
  void reportsABusyMount() {
    host.failRemountBusy("/data", true);

    assertThat(run("sudo -n mount -o remount,ro /data"))
        .isEqualTo(new SshReply("", "mount: /data: mount point is busy.\n", 32));
    assertThat(host.isReadOnly("/data")).isFalse();

    host.failRemountBusy("/data", false);
    assertThat(run("sudo -n mount -o remount,ro /data").exitValue()).isZero();
  }

  @Test
  void freezesAndThawsWithFsfreeze() {
    assertThat(run("sudo -n fsfreeze -f /data")).isEqualTo(new SshReply("", "", 0));
    assertThat(host.isFrozen("/data")).isTrue();
    assertThat(host.isQuiesced()).isTrue();

    assertThat(run("sudo -n fsfreeze -f /data"))
        .isEqualTo(
            new SshReply("", "fsfreeze: /data: freeze failed: Device or resource busy\n", 1));

    assertThat(run("sudo -n fsfreeze -u /data")).isEqualTo(new SshReply("", "", 0));
    assertThat(host.isFrozen("/data")).isFalse();
    assertThat(run("sudo -n fsfreeze -u /data"))
        .isEqualTo(new SshReply("", "fsfreeze: /data: unfreeze failed: Invalid argument\n", 1));
  }

  @Test
  void refusesFsfreezeWithoutSudo() {
    assertThat(run("fsfreeze -f /data"))
        .isEqualTo(new SshReply("", "fsfreeze: cannot open /data: Permission denied\n", 1));
    assertThat(host.isFrozen("/data")).isFalse();
  }

  @Test
  void sudoAllowsOnlyTheQuiesceCommands() {
    SshReply refused = new SshReply("", "sudo: a password is required\n", 1);
    assertThat(run("sudo -n sh -c 'echo root'")).isEqualTo(refused);
    assertThat(run("sudo -n mount -o remount,ro,noatime /")).isEqualTo(refused);
    assertThat(run("sudo -n mount /dev/xvdf /mnt")).isEqualTo(refused);
    assertThat(run("sudo mount -o remount,ro /")).isEqualTo(refused);
    assertThat(run("sudo -n fsfreeze --freeze /")).isEqualTo(refused);
    assertThat(host.isQuiesced()).isFalse();
  }

  @Test
  void reportsUnknownCommands() {
    assertThat(run("xfs_freeze -f /"))
        .isEqualTo(new SshReply("", "sh: 1: xfs_freeze: not found\n", 127));
  }

  @Test
  void runsShellBasics() {
    assertThat(run("echo hello \"big world\"; false || echo fallback && true"))
        .isEqualTo(new SshReply("hello big world\nfallback\n", "", 0));
    assertThat(run("echo out; echo err 1>&2; exit 3; echo never"))
        .isEqualTo(new SshReply("out\n", "err\n", 3));
    assertThat(run("(exit 4); echo after")).isEqualTo(new SshReply("after\n", "", 0));
    assertThat(run("sh -c 'exit 5'").exitValue()).isEqualTo(5);
    assertThat(run("echo 'open"))
        .isEqualTo(new SshReply("", "sh: 1: Syntax error: Unterminated quoted string\n", 2));
  }

  @Test
  void runsVariablesFunctionsAndControlStructures() {
    assertThat(
            run(
                "a=1 b='x y'; echo \"$a-$b\" ${a}z '$a'; f() { echo \"f:$1:$2\"; return 3; };"
                    + " f one 'two 2'; echo $?"))
        .isEqualTo(new SshReply("1-x y 1z $a\nf:one:two 2\n3\n", "", 0));
    assertThat(
            run(
                "if [ -z \"$u\" ] && [ 2 -gt 1 ]; then echo yes; else echo no; fi;"
                    + " if false; then :; elif [ a != a ]; then :; else echo last; fi"))
        .isEqualTo(new SshReply("yes\nlast\n", "", 0));
    assertThat(
            run("for_case=ro,relatime; case $for_case in rw) echo rw ;; ro|ro,*) echo ro ;; esac"))
        .isEqualTo(new SshReply("ro\n", "", 0));
    assertThat(run("case '*' in '*') echo literal ;; esac; case abc in a?c) echo glob ;; esac"))
        .isEqualTo(new SshReply("literal\nglob\n", "", 0));
  }

  @Test
  void readsProcMountsAsTheHostHasThem() {
    host.mount("/mnt/with space", "xfs", true);

    SshReply reply =
        run(
            "while read -r d m t o r; do case $m in /data|*040*) echo \"$m $t $o\" ;; esac; done </proc/mounts");

    assertThat(reply)
        .isEqualTo(
            new SshReply("/data ext4 rw,relatime\n/mnt/with\\040space xfs ro,relatime\n", "", 0));
  }

  @Test
  void signalsTrapsBackgroundJobsAndWait() {
    // a trapped TERM makes wait return at once (128 + 15) and runs the trap
    assertThat(
            run(
                "trap 'echo trapped' TERM; sleep 100000 & s=$!; (sleep 1; kill $$) &"
                    + " wait $s; echo \"wait $?\"; kill $s; wait $s; echo \"sleep $?\""))
        .isEqualTo(new SshReply("trapped\nwait 143\nsleep 143\n", "", 0));
    // an ignored signal does nothing; an untrapped one ends the shell
    assertThat(run("trap '' TERM; kill $$; echo alive; trap - TERM; kill $$; echo never"))
        .isEqualTo(new SshReply("alive\n", "", 143));
    assertThat(run("kill 99999")).isEqualTo(new SshReply("", "sh: 1: kill: No such process\n", 1));
  }

  @Test
  void aBackgroundJobCanBeKilledTheMomentItStarted() {
    // $! names a process at once, as in sh (the quiesce script kills its dead-man by $!)
    for (int i = 0; i < 20; i++) {
      assertThat(run("sleep 100000 & kill $!; wait $!; echo \"killed $?\""))
          .isEqualTo(new SshReply("killed 143\n", "", 0));
    }
  }

  @Test
  void aBackgroundJobReadsTheSessionOnlyThroughAnExplicitRedirect() {
    // stdin of an asynchronous list is /dev/null (the quiesce script keeps the session's stdin
    // as fd 3 for its reader: see QuiesceSessionTest)
    assertThat(run("read -r x & wait $!; echo \"devnull $?\""))
        .isEqualTo(new SshReply("devnull 1\n", "", 0));
  }

  @Test
  void touchesAndRemovesMarkerFiles() {
    assertThat(run("touch /dev/shm/m1").exitValue()).isZero();
    assertThat(host.filePresent("/dev/shm/m1")).isTrue();
    assertThat(run("rm /dev/shm/m1").exitValue()).isZero();
    assertThat(host.filePresent("/dev/shm/m1")).isFalse();
    assertThat(run("rm /dev/shm/m1"))
        .isEqualTo(
            new SshReply("", "rm: cannot remove '/dev/shm/m1': No such file or directory\n", 1));
    assertThat(run("rm /dev/shm/m1 2>/dev/null")).isEqualTo(new SshReply("", "", 1));
    assertThat(run("rm -f /dev/shm/m1")).isEqualTo(new SshReply("", "", 0));
  }

  @Test
  void keepsDevShmWritableWhileRootIsReadOnly() {
    run("sudo -n mount -o remount,ro /");

    assertThat(run("touch /dev/shm/ok").exitValue()).isZero();
    assertThat(run("touch /var/tmp/x"))
        .isEqualTo(
            new SshReply("", "touch: cannot touch '/var/tmp/x': Read-only file system\n", 1));
    assertThat(run("touch /data/x").exitValue()).isZero();
  }

  @Test
  void passesAQuotedInjectionAttemptAsOneWord() {
    String evil = "/data'; touch /dev/shm/pwned; '";

    SshReply reply =
        run("sudo -n mount -o remount,ro " + dev.ec2migrator.quiesce.ShellQuote.quote(evil));

    assertThat(reply.exitValue()).isEqualTo(32);
    assertThat(reply.stderr())
        .isEqualTo("mount: " + evil + ": mount point not mounted or bad option.\n");
    assertThat(host.filePresent("/dev/shm/pwned")).isFalse();
    assertThat(host.isQuiesced()).isFalse();
  }

  @Test
  void keepsTheChannelOpenWhileABackgroundJobHoldsItsOutput() {
    long started = System.nanoTime();

    assertThat(run("sleep 300 & echo started")).isEqualTo(new SshReply("started\n", "", 0));

    // like sshd: no EOF until the background sleep (300 ms at this scale) closes stdout
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  private SshReply run(String command) {
    return ssh.exec("i-0abc", command);
  }
}
