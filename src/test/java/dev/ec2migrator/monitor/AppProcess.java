package dev.ec2migrator.monitor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The application in its own JVM (this test's classpath), as an operator starts it. */
final class AppProcess {
  /** What a finished process printed, and its exit code. */
  record Result(int exit, String out) {}

  private AppProcess() {}

  /** The java command line that runs the application with the given JVM options and arguments. */
  static List<String> command(List<String> jvmOptions, String... args) {
    return java(jvmOptions, "dev.ec2migrator.MigratorApp", args);
  }

  /** The java command line that runs a main class of this test's classpath. */
  static List<String> java(List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    // surefire may start this JVM from a manifest-only jar and publish the real classpath apart
    String surefire = System.getProperty("surefire.test.class.path");
    command.add(
        surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path"));
    command.addAll(jvmOptions);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs a command in a folder, stdout and stderr into one pipe, and waits for it. */
  static Result run(Path dir, List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(dir, "output", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("TERM", "xterm-256color");
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "no exit within " + timeoutSeconds + " s: " + command + "\n" + Files.readString(output));
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
