package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.faults.ChildMigrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --profile simulated}: commands in separate JVMs share the demo world of a running {@code
 * simulate} (a child JVM here, the real command), so the two-phase migration can be tried from the
 * command line as against AWS: {@code sync}, {@code sync} again, {@code cutover}, each its own
 * process. The commands run in this JVM with {@code migrator.outbox} set to the test's folder,
 * where {@code simulate} wrote its world's file.
 */
class SimulatedProfileTest {
  /** Two plain Linux hosts of the sample list (seed 42). */
  private static final String LIST = "instance_id\ni-b3bade281fd418d98\ni-8d773591702bbdb6f\n";

  @TempDir Path work;
  private String outboxBefore;

  @BeforeEach
  void outboxInTheTestFolder() {
    outboxBefore = System.getProperty("migrator.outbox");
    System.setProperty("migrator.outbox", work.resolve("outbox").toString());
  }

  @AfterEach
  void outboxAsItWas() {
    if (outboxBefore == null) {
      System.clearProperty("migrator.outbox");
    } else {
      System.setProperty("migrator.outbox", outboxBefore);
    }
  }

  @Test
  void withoutARunningSimulateTheCommandSaysSoAndExits2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = MigratorApp.execute("--profile", "simulated", "cutover", "any-run");
    } finally {
      System.setErr(before);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("start `simulate` first")
        .contains("simulated-world.properties does not exist")
        .doesNotContain("Exception");
  }

  @Test
  void syncTwiceThenCutoverAsSeparateCommandsOnTheWorldOfSimulate() throws Exception {
    Path list = Files.writeString(work.resolve("two.csv"), LIST);
    Path shared = work.resolve("outbox").resolve("simulated-world.properties");
    Path log = work.resolve("simulate.log");
    Process simulate =
        ChildMigrator.start(
            ChildMigrator.command(
                List.of("-Xmx256m"),
                Map.of(
                    "migrator.outbox", work.resolve("outbox").toString(),
                    "migrator.demo.dir", work.resolve("demo").toString(),
                    "migrator.demo.instances", "4"),
                "simulate"),
            log);
    try {
      assertThat(ChildMigrator.await(Duration.ofMinutes(3), () -> Files.exists(shared)))
          .as("simulate wrote %s; its output is in %s", shared, log)
          .isTrue();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(shared))
          .contains("migrator.ec2.endpoint=http\\://127.0.0.1\\:")
          .doesNotContain("PRIVATE KEY");

      assertThat(run("sync", "--run-id", "shared", list.toString())).isZero();
      assertThat(run("sync", "--run-id", "shared", list.toString())).isZero();
      // the cutover finds the run by the tags the two syncs left in simulate's world
      assertThat(run("cutover", "shared")).isZero();

      Path csv = work.resolve("outbox").resolve("shared-cutover.csv");
      List<String> rows = Files.readAllLines(csv);
      // a row per volume: every one copied and in an image
      assertThat(rows.subList(1, rows.size()))
          .isNotEmpty()
          .allSatisfy(row -> assertThat(row).contains(",MIGRATED,").contains(",ami-"));
      // the running host was stopped for its cutover (the other one was stopped already)
      assertThat(rows).anySatisfy(row -> assertThat(row).endsWith(",stopped (cut over)"));
      assertThat(work.resolve("outbox").resolve("shared-p2.csv")).exists();
    } finally {
      simulate.destroy(); // SIGTERM: its shutdown hook deletes the file
      assertThat(simulate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(shared).as("deleted when simulate stops").doesNotExist();
  }

  private static int run(String... command) {
    String[] args = new String[command.length + 2];
    args[0] = "--profile";
    args[1] = "simulated";
    System.arraycopy(command, 0, args, 2, command.length);
    return MigratorApp.execute(args);
  }
}
