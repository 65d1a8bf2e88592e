package dev.ec2migrator;

import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.input.ListFileReader;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.security.InertText;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The instance list a command names, read as the inbox reads it, with its run id.
 *
 * @param source the list's absolute path, as messages name it
 * @param runId the run id given on the command line, or derived from the file stem and content
 */
record ListArgument(byte[] content, String source, String runId) {

  /**
   * Null after printing why (no such file, not a regular file, too big, bad list): exit 2.
   *
   * @param runIdOption the command's {@code --run-id}, or null
   */
  static ListArgument read(Launcher launcher, Path file, String runIdOption) throws Exception {
    if (!Files.exists(file)) {
      System.err.println("No such file: " + InertText.escape(file.toString()));
      return null;
    }
    String source = file.toAbsolutePath().toString();
    try {
      // type and size by lstat before anything is read: a FIFO or a 3 GB file is refused at once
      byte[] content =
          new ListFileReader(Long.parseLong(launcher.property("migrator.input.max-bytes")))
              .read(file.toRealPath(), source);
      // the run id names the log file, so it is known before anything logs; the route parses the
      // list again under the configured limits
      String id =
          new InstanceListParser(Long.MAX_VALUE, Integer.MAX_VALUE)
              .parse(content, source, runIdOption)
              .runId();
      return new ListArgument(content, source, id);
    } catch (InvalidInstanceListException e) {
      System.err.print(BadInputReport.describe(e));
      return null;
    }
  }
}
