package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sudoers command's choices of user, mode and mount points, and its refusals (exit 2). */
class SudoersCommandTest {
  @TempDir Path dir;
  @RegisterExtension final CommandConsole console = new CommandConsole();

  private int sudoers(String list) throws Exception {
    Path file = dir.resolve("list.csv");
    Files.writeString(file, list);
    return MigratorApp.execute("sudoers", file.toString());
  }

  private String printed() {
    return console.out();
  }

  @Test
  void eachHostGetsItsUserAndMountPointsAndAutoAllowsBothModes() throws Exception {
    console.property("migrator.quiesce.mode", "auto");
    console.property("migrator.quiesce.mount-points", "/,/srv/app data");
    int exit =
        sudoers(
            "instance_id,ssh_user,mount_points\n"
                + "i-0123456789abcdef0,admin,/data\n"
                + "i-0123456789abcdef1,,\n");
    assertThat(exit).isZero();
    assertThat(printed())
        .contains("# i-0123456789abcdef0 (line 2): user admin, mount points /data\n")
        .contains(
            "admin ALL=(root) NOPASSWD: /usr/sbin/fsfreeze -f /data, /sbin/fsfreeze -f /data,"
                + " /usr/sbin/fsfreeze -u /data, /sbin/fsfreeze -u /data,"
                + " /usr/bin/mount -o remount\\,ro /data, /bin/mount -o remount\\,ro /data,"
                + " /usr/bin/mount -o remount\\,rw /data, /bin/mount -o remount\\,rw /data\n")
        // the configured user template's default, and the configured mount points, escaped
        .contains("# i-0123456789abcdef1 (line 3): user ec2-user, mount points / /srv/app data")
        .contains("/usr/sbin/fsfreeze -f /srv/app\\ data")
        .doesNotContain("*");
  }

  @Test
  void noSudoRuleForModesThatRunNoSudoCommand() throws Exception {
    console.property("migrator.quiesce.mode", "none");
    assertThat(sudoers("i-0123456789abcdef0\n")).isZero();
    assertThat(printed())
        .contains("# (no sudo command runs in quiesce mode none)")
        .doesNotContain("ALL=");
  }

  @Test
  void badInputAndUnwritableRulesExitTwoWithTheReason() throws Exception {
    assertThat(sudoers("instance_id,mount_points\ni-0123456789abcdef0,/data;/tmp/*\n"))
        .isEqualTo(2);
    assertThat(console.err()).contains("line 2").contains("/tmp/*");

    console.resetErr();
    console.property("migrator.ssh.user", "{private-ip}");
    assertThat(sudoers("i-0123456789abcdef0\n")).isEqualTo(2);
    assertThat(console.err()).contains("line 1: the user template {private-ip} needs EC2 data");

    console.resetErr();
    console.clear("migrator.ssh.user");
    console.property("migrator.quiesce.mount-points", "/data/[abc]");
    assertThat(sudoers("i-0123456789abcdef0\n")).isEqualTo(2);
    assertThat(console.err())
        .contains("mount point '/data/[abc]' has a character ([) that no exact sudo rule can name");
  }
}
