package dev.ec2migrator.sim.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.sim.ssh.ShellNode.Conditional;
import dev.ec2migrator.sim.ssh.ShellNode.Redirect;
import dev.ec2migrator.sim.ssh.ShellNode.Sequence;
import dev.ec2migrator.sim.ssh.ShellNode.SimpleCommand;
import dev.ec2migrator.sim.ssh.ShellNode.Subshell;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellParserTest {

  @Test
  void removesQuotesIncludingTheEscapedSingleQuoteIdiom() throws Exception {
    Sequence parsed = ShellParser.parse("echo 'a b' \"c \\\"d\\\"\" e\\ f 'it'\\''s' \"\" x#y");

    assertThat(only(parsed).words())
        .containsExactly("echo", "a b", "c \"d\"", "e f", "it's", "", "x#y");
  }

  @Test
  void keepsAnInjectionAttemptInOneWord() throws Exception {
    String mountPoint = "/data'; touch /dev/shm/pwned; '";
    Sequence parsed =
        ShellParser.parse("sudo -n mount -o remount,ro " + QuiesceCommands.quote(mountPoint));

    assertThat(only(parsed).words())
        .containsExactly("sudo", "-n", "mount", "-o", "remount,ro", mountPoint);
  }

  @Test
  void parsesRedirectionsWithDescriptors() throws Exception {
    SimpleCommand command = only(ShellParser.parse("cmd </dev/null >/dev/null 2>&1 2>/dev/null"));

    assertThat(command.words()).containsExactly("cmd");
    assertThat(command.redirects())
        .containsExactly(
            new Redirect(0, "<", "/dev/null"),
            new Redirect(1, ">", "/dev/null"),
            new Redirect(2, ">&", "1"),
            new Redirect(2, ">", "/dev/null"));
  }

  @Test
  void parsesTheFreezeCommandIntoAndListWithABackgroundSubshell() throws Exception {
    Sequence parsed =
        ShellParser.parse(QuiesceCommands.freeze("t", 300, List.of("/", "/data"), false));

    assertThat(parsed.jobs()).hasSize(1);
    // ((((touch && (…&)) && remount /) && remount /data)
    Conditional last = (Conditional) parsed.jobs().get(0).node();
    Conditional second = (Conditional) last.left();
    Conditional first = (Conditional) second.left();
    Subshell deadMan = (Subshell) first.right();
    assertThat(deadMan.body().jobs()).singleElement().matches(ShellNode.Job::background);
    SimpleCommand setsid = (SimpleCommand) deadMan.body().jobs().get(0).node();
    assertThat(setsid.words()).hasSize(4).startsWith("setsid", "sh", "-c");
    assertThat(setsid.words().get(3))
        .isEqualTo(
            "sleep 300; rm /dev/shm/ec2-migrator.t 2>/dev/null || exit 0;"
                + " sudo -n mount -o remount,rw '/data'; sudo -n mount -o remount,rw '/'");
  }

  @Test
  void rejectsBrokenLines() {
    assertThatThrownBy(() -> ShellParser.parse("echo 'open"))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessage("Unterminated quoted string");
    assertThatThrownBy(() -> ShellParser.parse("(echo a")).isInstanceOf(ShellSyntaxException.class);
    assertThatThrownBy(() -> ShellParser.parse("&& echo a"))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessage("\"&&\" unexpected");
  }

  private static SimpleCommand only(Sequence parsed) {
    assertThat(parsed.jobs()).hasSize(1);
    return (SimpleCommand) parsed.jobs().get(0).node();
  }
}
