package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.quiesce.Hooks;
import dev.ec2migrator.quiesce.QuiesceMode;
import dev.ec2migrator.quiesce.QuiesceScript;
import dev.ec2migrator.quiesce.ShellQuote;
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
            new InstanceEntry(
                2, "i-0123456789abcdef0", null, null, null, null, null, null, null, null),
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
            List.of(),
            SourceImageFacts.LINUX));
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
  void aMountPointReachesTheScriptOnlySingleQuoted(String mountPoint) {
    QuiesceScript script =
        new QuiesceScript(
            Map.of(
                QuiesceMode.FSFREEZE,
                new QuiesceScript.Templates("sudo -n fsfreeze -f {mp}", "sudo -n fsfreeze -u {mp}"),
                QuiesceMode.REMOUNT,
                new QuiesceScript.Templates(
                    "sudo -n mount -o remount,ro {mp}", "sudo -n mount -o remount,rw {mp}")),
            300);
    String text = script.script(QuiesceMode.AUTO, List.of(mountPoint), Hooks.NONE, Hooks.NONE);
    String quoted = ShellQuote.quote(mountPoint);
    // as /proc/mounts writes it (octal escapes for blanks and backslashes), also quoted
    String asProcMounts =
        ShellQuote.quote(
            mountPoint.replace("\\", "\\134").replace(" ", "\\040").replace("\n", "\\012"));
    assertThat(text).contains("quiesce " + quoted + " \"$o0\"");
    assertThat(text).contains("release " + quoted + " \"$o0\"");
    // with every quoted occurrence taken out, nothing of the value is left in the script
    String rest = text.replace(quoted, "").replace(asProcMounts, "");
    assertThat(rest).doesNotContain(mountPoint.substring(1));
  }
}
