package dev.ec2migrator.demo.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.demo.ssh.ShellNode.Redirect;
import dev.ec2migrator.demo.ssh.ShellNode.Sequence;
import dev.ec2migrator.demo.ssh.ShellNode.SimpleCommand;
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
        ShellParser.parse(
            "sudo -n mount -o remount,ro " + dev.ec2migrator.quiesce.ShellQuote.quote(mountPoint));

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
  void parsesCompoundCommandsFunctionsAndParameters() throws Exception {
    Sequence parsed =
        ShellParser.parse(
            "f() { case $1 in a|b*) echo \"$2\" ;; esac; }\n"
                + "while read -r x; do if [ -n \"$x\" ]; then f a \"$x\"; fi; done </proc/mounts");

    assertThat(parsed.jobs()).hasSize(2);
    ShellNode.FunctionDefinition f = (ShellNode.FunctionDefinition) parsed.jobs().get(0).node();
    assertThat(f.name()).isEqualTo("f");
    ShellNode.Case choice =
        (ShellNode.Case) ((ShellNode.Group) f.body()).body().jobs().get(0).node();
    assertThat(choice.items()).singleElement().satisfies(i -> assertThat(i.patterns()).hasSize(2));
    ShellNode.While loop = (ShellNode.While) parsed.jobs().get(1).node();
    assertThat(loop.redirects()).containsExactly(new Redirect(0, "<", "/proc/mounts"));
    assertThat(ShellParser.parse("echo 'if' \"done\"").jobs()).hasSize(1);
    assertThatThrownBy(() -> ShellParser.parse("if true; then echo; done"))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessage("\"done\" unexpected");
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
