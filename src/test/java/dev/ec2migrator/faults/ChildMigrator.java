package dev.ec2migrator.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The command line that runs the migrator as a separate JVM on the test classpath. */
public final class ChildMigrator {
  private ChildMigrator() {}

  /**
   * @param jvmOptions e.g. {@code -Xmx256m}
   * @param properties passed as {@code -Dkey=value} (camel-main reads them over the config files)
   * @param args the command line of {@code MigratorApp}
   */
  public static List<String> command(
      List<String> jvmOptions, Map<String, String> properties, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath());
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("dev.ec2migrator.MigratorApp");
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Starts the command in the project folder (routes/ and config/), its output and errors into the
   * log file.
   */
  public static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** SIGKILL: no shutdown hook, no finally block runs; true once the process is gone. */
  public static boolean kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Polls the condition every 10 ms until it holds or the limit passes; its last answer. */
  public static boolean await(Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  /**
   * The test runtime classpath. Surefire may start this JVM from a manifest-only jar, whose
   * java.class.path is that jar alone; it then publishes the real one as surefire.test.class.path.
   */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
