package dev.ec2migrator;

import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.monitor.RunLogFile;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command on an instance list (migrate, check): the list, {@code --run-id}, {@code --verbose},
 * and the run of the command: the list read and validated once, the run's log file, one request
 * with the validated list.
 */
final class ListOptions {
  /** Where the log file of each run goes (relative to the working directory). */
  static final Path LOG_DIR = Path.of("logs");

  @Parameters(index = "0", description = "the instance list (CSV with a header, or ids one a line)")
  Path file;

  @Option(
      names = "--run-id",
      description = "run id (default: file stem + content hash, so a rerun resumes)")
  String runId;

  @Option(names = "--verbose", description = "the full log on the console too")
  boolean verbose;

  /**
   * The exit code: 2 when the list is bad (nothing done), else the report's of the answer.
   *
   * @param logSuffix after the run id in the log file's name
   * @param alongside what runs while the list is worked on, given the run id
   * @param report prints the answer, given the log file, and returns the exit code
   */
  <T> int request(
      Launcher launcher,
      String logSuffix,
      String endpoint,
      Class<T> type,
      BiFunction<CamelContext, String, AutoCloseable> alongside,
      BiFunction<T, Path, Integer> report)
      throws Exception {
    InstanceList list = ListArgument.read(launcher, file, runId);
    if (list == null) {
      return 2;
    }
    try (RunLogFile log = RunLogFile.open(LOG_DIR, list.runId() + logSuffix, verbose)) {
      return OneShot.requestList(
          launcher,
          list,
          endpoint,
          type,
          log.file(),
          camel -> alongside.apply(camel, list.runId()),
          answer -> report.apply(answer, log.file()));
    }
  }
}
