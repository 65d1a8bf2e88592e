package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} of the sample list as an operator sees it: under a pseudo-terminal ({@code
 * script}) the display is redrawn in place; piped, plain lines; either way a short console and the
 * full log in logs/.
 */
class ConsoleOutputTest {
  private static final String SAMPLE =
      Path.of("config/sample-instances.csv").toAbsolutePath().toString();
  private static final String ESC = "\u001b";

  @TempDir Path dir;

  @Test
  void onATerminalTheDisplayIsRedrawnInPlaceAndTheSummaryFollows() throws Exception {
    String java =
        String.join(
            " ",
            AppProcess.command(List.of(), "migrate", SAMPLE).stream()
                .map(ConsoleOutputTest::quote)
                .toList());
    // script gives the JVM a pseudo-terminal; stty gives it a size (a status area needs one)
    AppProcess.Result result =
        AppProcess.run(
            dir,
            List.of("script", "-q", "-e", "-c", "stty rows 40 cols 160; exec " + java, "/dev/null"),
            300);

    assertThat(result.exit()).as(result.out()).isEqualTo(1);
    String out = result.out();
    // the 4-line status area sits at rows 37-40 of 40: the cursor goes back there on every redraw
    int redraws = count(out, ESC + "7" + ESC + "[37;1H");
    assertThat(redraws).as(out).isGreaterThanOrEqualTo(3);
    assertThat(out).contains("run sample-instances-").contains("copies in flight");
    List<String> lines = plainLines(out);
    assertThat(lines).anyMatch(l -> l.contains("FAILED i-d1789ea98a553ee88"));
    assertThat(lines)
        .anyMatch(l -> l.contains("13 of 17 instances migrated, 4 failed"))
        .anyMatch(l -> l.contains("[##############################] 17/17"));
  }

  @Test
  void piped_plainProgressLinesAShortConsoleAndTheFullLogInLogs() throws Exception {
    AppProcess.Result result =
        AppProcess.run(
            dir,
            AppProcess.command(
                List.of("-Dmigrator.progress.console-interval=2s"), "migrate", SAMPLE),
            300);

    String out = result.out();
    assertThat(result.exit()).as(out).isEqualTo(1);
    assertThat(out).as("no terminal codes when piped").doesNotContain(ESC);
    List<String> lines = out.lines().toList();
    // a progress line every 2 s (the default is 10 s, so the default console is shorter still)
    assertThat(lines)
        .anyMatch(l -> l.matches("run sample-instances-\\w+: \\d+/17 done, .* ETA .*"));
    assertThat(lines).as(out).hasSizeLessThan(30);
    assertThat(out)
        .contains("13 of 17 instances migrated, 4 failed")
        .containsPattern("run report: +outbox/sample-instances-\\w+\\.report\\.html")
        .doesNotContain("Apache Camel") // Camel's start and stop chatter stays in the file
        .doesNotContain(" INFO ");

    Matcher log = Pattern.compile("log: +(\\S+)").matcher(out);
    assertThat(log.find()).as(out).isTrue();
    Path file = Path.of(log.group(1));
    assertThat(file.getParent()).isEqualTo(dir.resolve("logs").toRealPath());
    assertThat(file.getFileName().toString()).matches("sample-instances-\\w+\\.log");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    String full = Files.readString(file);
    assertThat(full).contains(" INFO ").contains("Apache Camel").contains("i-d1789ea98a553ee88");
  }

  /** The text lines of a terminal recording, escape sequences taken out. */
  private static List<String> plainLines(String out) {
    return out.replaceAll(ESC + "\\[[0-9;?]*[A-Za-z]|" + ESC + "[78]", "")
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.toList());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
