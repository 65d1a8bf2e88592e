package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.MigratorApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync and cutover commands on bad input: exit 2, the reason (and line) on stderr. */
class CutoverCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stderr;

  @BeforeEach
  void redirect() {
    System.setProperty("migrator.outbox", dir.resolve("outbox").toString());
    System.setProperty("migrator.demo.dir", dir.resolve("demo").toString());
    stderr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(stderr);
    Stream.of("migrator.outbox", "migrator.demo.dir").forEach(System::clearProperty);
  }

  @Test
  void anUnknownRunExitsTwoNamingTheTagItLookedFor() {
    int exit = MigratorApp.execute("cutover", "no-such-run");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "Cutover refused: unknown sync run no-such-run: no snapshot tagged"
                + " migrator:sync-run=no-such-run in us-east-1");
  }

  @Test
  void aWaveThatIsNoTagExitsTwo() {
    int exit = MigratorApp.execute("cutover", "some-run", "--wave", "Wave");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--wave must be an instance tag as Key=Value (e.g. Wave=1), not 'Wave'");
  }

  @Test
  void aBadSyncListExitsTwoNamingTheLine() throws Exception {
    Path list = dir.resolve("bad.csv");
    Files.writeString(list, "instance_id\ni-0123456789abcdef0\nnot-an-instance\n");

    int exit = MigratorApp.execute("sync", list.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3");
  }
}
