package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The check command as an operator runs it: the table, the CSV and the exit codes. */
class CheckCommandTest {
  @TempDir Path dir;
  @RegisterExtension final CommandConsole console = new CommandConsole();

  @BeforeEach
  void pointAtTempDir() {
    console.property("migrator.outbox", dir.resolve("outbox").toString());
    console.property("migrator.demo.dir", dir.resolve("demo").toString());
  }

  @Test
  void theSampleListGivesAVerdictPerInstanceExitOneForTheRefusedSources() throws Exception {
    int exit = MigratorApp.execute("check", "config/sample-instances.csv");
    String printed = console.out();

    // the sample's Windows, RHEL and Marketplace sources are not ready (image-source)
    assertThat(exit).as(printed + console.err()).isEqualTo(1);
    assertThat(printed)
        .contains("i-b3bade281fd418d98   READY")
        .containsPattern("i-b523b0f68c1e2bcbe +NOT READY +describe: .*Windows")
        .contains("14 of 17 instances ready, 3 not ready; nothing was created")
        .contains("SIMULATED");
    assertThat(dir.resolve("outbox")).isDirectoryContaining("glob:**.preflight.csv");
  }

  @Test
  void aListOfReadyInstancesExitsZero() throws Exception {
    Path list = dir.resolve("ready.txt");
    Files.writeString(list, "i-b3bade281fd418d98\ni-8d773591702bbdb6f\n");

    int exit = MigratorApp.execute("check", list.toString());
    String printed = console.out();

    assertThat(exit).as(printed + console.err()).isZero();
    assertThat(printed).contains("2 of 2 instances ready, 0 not ready; nothing was created");
  }

  @Test
  void anInstanceThatIsNotThereIsNotReadyExitOne() throws Exception {
    Path list = dir.resolve("gone.txt");
    Files.writeString(list, "i-b3bade281fd418d98\ni-0123456789abcdef0\n");

    int exit = MigratorApp.execute("check", list.toString());
    String printed = console.out();

    assertThat(exit).as(printed + console.err()).isEqualTo(1);
    assertThat(printed)
        .containsPattern(
            "i-0123456789abcdef0 +NOT READY +describe: i-0123456789abcdef0: describe failed"
                + " \\(InvalidInstanceID.NotFound\\)")
        .contains("1 of 2 instances ready, 1 not ready");
  }

  @Test
  void aBadListExitsTwoNamingTheLine() throws Exception {
    Path list = dir.resolve("bad.csv");
    Files.writeString(list, "instance_id,colour\ni-b3bade281fd418d98,red\n");

    assertThat(MigratorApp.execute("check", list.toString())).isEqualTo(2);
    assertThat(console.err()).contains("line 1: unknown column 'colour'");
  }
}
