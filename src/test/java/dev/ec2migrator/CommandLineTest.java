package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The migrate and template commands as an operator runs them, with their exit codes. */
class CommandLineTest {
  @TempDir Path dir;
  @RegisterExtension final CommandConsole console = new CommandConsole();

  @BeforeEach
  void pointAtTempDir() {
    // system properties override config/application.properties, as -D does for an operator
    console.property("migrator.outbox", dir.resolve("outbox").toString());
    console.property("migrator.demo.dir", dir.resolve("demo").toString());
  }

  @Test
  void migrateExitsOneWhenAHostFailsAndTemplateRendersTheSameFileFromTheCsv() throws Exception {
    int exit = MigratorApp.execute("migrate", "config/sample-instances.csv");
    String printed = console.out();

    assertThat(exit).isEqualTo(1);
    assertThat(printed).contains("13 of 17 instances migrated, 4 failed").contains("SIMULATED");
    Path csv = printedPath(printed, "results CSV:");
    Path template = printedPath(printed, "CloudFormation template:");
    assertThat(csv).exists();
    byte[] rendered = Files.readAllBytes(template);

    Files.delete(template);
    assertThat(MigratorApp.execute("template", csv.toString())).isZero();
    assertThat(Files.readAllBytes(template)).isEqualTo(rendered);
  }

  @Test
  void migrateExitsZeroWhenEveryInstanceMigrates() throws Exception {
    console.property("migrator.demo.busy-hosts", "");
    Path list = dir.resolve("two.txt");
    Files.writeString(list, "# bare ids\ni-b3bade281fd418d98\ni-8d773591702bbdb6f\n");

    assertThat(MigratorApp.execute("migrate", list.toString())).isZero();
    assertThat(console.out()).contains("2 of 2 instances migrated, 0 failed");
  }

  @Test
  void aBadListExitsTwoNamingTheLineAndDoesNothing() throws Exception {
    Path list = dir.resolve("bad.csv");
    Files.writeString(list, "instance_id,colour\ni-b3bade281fd418d98,red\n");

    assertThat(MigratorApp.execute("migrate", list.toString())).isEqualTo(2);
    assertThat(console.err())
        .contains("line 1: unknown column 'colour'")
        .contains("Nothing was done");
    assertThat(dir.resolve("outbox")).doesNotExist();
  }

  @Test
  void aHugeSparseFileIsRefusedByItsSizeBeforeItIsRead() throws Exception {
    Path list = dir.resolve("huge.csv");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(list.toFile(), "rw")) {
      file.setLength(3L << 30); // 3 GB of holes: read whole, it would not fit the heap
    }
    long start = System.nanoTime();

    assertThat(MigratorApp.execute("migrate", list.toString())).isEqualTo(2);
    long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    // generous: the machine is shared; it used to end in OutOfMemoryError and a hang
    assertThat(seconds).as("exits promptly, before anything starts").isLessThan(60);
    assertThat(console.err())
        .contains("file is 3221225472 bytes, over the limit of 16777216 bytes")
        .contains("Nothing was done");
    assertThat(dir.resolve("outbox")).doesNotExist();
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("fifo.csv");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
        .as("mkfifo (coreutils)")
        .isZero();

    assertThat(MigratorApp.execute("migrate", fifo.toString())).isEqualTo(2);
    assertThat(console.err()).contains("not a regular file but a FIFO, socket or device");
  }

  @Test
  void aMissingFileExitsTwo() {
    assertThat(MigratorApp.execute("migrate", dir.resolve("nope.csv").toString())).isEqualTo(2);
  }

  private static Path printedPath(String printed, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(printed);
    assertThat(m.find()).as("%s printed in:%n%s", label, printed).isTrue();
    return Path.of(m.group(1));
  }
}
