package dev.ec2migrator.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The log of one {@code migrate}: everything goes to {@code <dir>/<run id>.log} (0600, in a 0700
 * folder: the log names hosts and addresses), the console shows warnings only unless verbose. Both
 * are log4j2.properties' appenders, switched by the two system properties this sets.
 */
public final class RunLogFile implements AutoCloseable {
  static final String FILE_PROPERTY = "ec2migrator.run-log";
  static final String CONSOLE_LEVEL_PROPERTY = "ec2migrator.console.level";

  private final Path file;

  private RunLogFile(Path file) {
    this.file = file;
  }

  /** Sends the full log to the run's file from now on; the console keeps WARN and above. */
  public static RunLogFile open(Path dir, String runId, boolean verbose) throws IOException {
    Path folder = dir.toAbsolutePath();
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    Path file = folder.resolve(runId + ".log");
    System.setProperty(FILE_PROPERTY, file.toString());
    System.setProperty(CONSOLE_LEVEL_PROPERTY, verbose ? "ALL" : "WARN");
    Configurator.reconfigure();
    return new RunLogFile(file);
  }

  public Path file() {
    return file;
  }

  /** Closes the file and gives the console back its default level. */
  @Override
  public void close() {
    System.clearProperty(FILE_PROPERTY);
    System.clearProperty(CONSOLE_LEVEL_PROPERTY);
    Configurator.reconfigure();
  }
}
