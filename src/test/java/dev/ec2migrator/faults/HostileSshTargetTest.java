package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.quiesce.QuiesceCommands;
import dev.ec2migrator.quiesce.SshTargets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tag is not validated input: when the ssh user or host template takes it from a tag, a hostile
 * value is refused before any connection; and a value that does reach a command line (a configured
 * mount point) is single-quoted, never pasted.
 */
class HostileSshTargetTest {

  private static InstanceMigration withTag(String value) {
    InstanceMigration m =
        new InstanceMigration(
            "run-1",
            new InstanceEntry(2, "i-0123456789abcdef0", null, null, null, null, null, null, null),
            "us-east-1",
            "ap-southeast-2");
    m.describedAs(
        new SourceInstance(
            "i-0123456789abcdef0",
            "running",
            "t3.micro",
            "subnet-01234567",
            "us-east-1a",
            "127.0.0.1",
            "x86_64",
            "hvm",
            null,
            null,
            "/dev/xvda",
            true,
            null,
            Map.of("SshUser", value, "SshHost", value),
            List.of()));
    return m;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'; rm -rf /",
        "$(id)",
        "`id`",
        "ec2-user; reboot",
        "a\nb",
        "say \"hello\"",
        "${x}",
        "-oProxyCommand=touch /tmp/x",
        "root@127.0.0.1"
      })
  void aHostileTagIsRefusedAsSshUserOrHost(String value) {
    SshTargets targets = new SshTargets("{tag:SshHost}", "{tag:SshUser}", 22, List.of("/"));
    InstanceMigration m = withTag(value);
    assertThatThrownBy(() -> targets.user(m))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("InvalidSshTarget");
    assertThatThrownBy(() -> targets.host(m))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("InvalidSshTarget");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/mnt/it's", "/data; rm -rf /", "/$(id)", "/`id`", "/a\nb"})
  void aMountPointReachesTheCommandLineOnlySingleQuoted(String mountPoint) {
    QuiesceCommands commands =
        new QuiesceCommands(
            "sudo -n mount -o remount,ro {mp}", "sudo -n mount -o remount,rw {mp}", 300);
    String quoted = "'" + mountPoint.replace("'", "'\\''") + "'";
    String freeze = commands.freeze(List.of(mountPoint), "tok");
    String thaw = commands.thaw(List.of(mountPoint), "tok");
    assertThat(freeze).endsWith("sudo -n mount -o remount,ro " + quoted);
    assertThat(thaw).endsWith("sudo -n mount -o remount,rw " + quoted);
    // with every quoted occurrence taken out, nothing of the value is left in the line
    String rest = thaw.replace(quoted, "");
    assertThat(rest).doesNotContain(mountPoint.substring(1));
  }
}
