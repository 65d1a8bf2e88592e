package dev.ec2migrator;

import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.input.ListFileReader;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.security.InertText;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The instance list a command names (migrate, check, sudoers), read as the inbox reads it and
 * validated whole under the configured limits, once: the run id it yields names the log file before
 * anything logs, and the list goes to the routes as it is.
 */
final class ListArgument {
  private ListArgument() {}

  /**
   * Null after printing why (no such file, not a regular file, too big, bad list): exit 2.
   *
   * @param runIdOption the command's {@code --run-id}, or null
   */
  static InstanceList read(Launcher launcher, Path file, String runIdOption) throws Exception {
    if (!Files.exists(file)) {
      System.err.println("No such file: " + InertText.escape(file.toString()));
      return null;
    }
    String source = file.toAbsolutePath().toString();
    long maxBytes = Long.parseLong(launcher.property("migrator.input.max-bytes"));
    try {
      // type and size by lstat before anything is read: a FIFO or a 3 GB file is refused at once
      byte[] content = new ListFileReader(maxBytes).read(file.toRealPath(), source);
      return new InstanceListParser(
              maxBytes, Integer.parseInt(launcher.property("migrator.input.max-instances")))
          .parse(content, source, runIdOption);
    } catch (InvalidInstanceListException e) {
      System.err.print(BadInputReport.describe(e));
      return null;
    }
  }
}
