package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.SimHost.FileOutcome;
import java.util.List;

/** {@code touch}, {@code rm} and {@code cat} on the host's simulated files. */
final class FileCommands {

  private FileCommands() {}

  static int touch(SimHost host, List<String> paths, ShellIo io) {
    if (paths.isEmpty()) {
      io.error("touch: missing file operand");
      return 1;
    }
    int status = 0;
    for (String path : paths) {
      if (host.createFile(path) == FileOutcome.READ_ONLY) {
        io.error("touch: cannot touch '" + path + "': Read-only file system");
        status = 1;
      }
    }
    return status;
  }

  static int rm(SimHost host, List<String> args, ShellIo io) {
    boolean force = false;
    int first = 0;
    while (first < args.size() && args.get(first).startsWith("-") && args.get(first).length() > 1) {
      String option = args.get(first++);
      if (option.equals("--")) {
        break;
      }
      force |= option.contains("f");
    }
    List<String> paths = args.subList(first, args.size());
    if (paths.isEmpty() && !force) {
      io.error("rm: missing operand");
      return 1;
    }
    int status = 0;
    for (String path : paths) {
      FileOutcome outcome = host.removeFile(path);
      if (outcome == FileOutcome.READ_ONLY || (outcome == FileOutcome.MISSING && !force)) {
        String reason =
            outcome == FileOutcome.READ_ONLY
                ? "Read-only file system"
                : "No such file or directory";
        io.error("rm: cannot remove '" + path + "': " + reason);
        status = 1;
      }
    }
    return status;
  }

  /** Prints readable files ({@link SimHost#file}) line by line, like coreutils' cat. */
  static int cat(SimHost host, List<String> paths, ShellIo io) {
    int status = 0;
    for (String path : paths) {
      ShellInput in = host.file(path);
      if (in == null) {
        io.error("cat: " + path + ": No such file or directory");
        status = 1;
        continue;
      }
      for (String line = in.readLine(null); line != null; line = in.readLine(null)) {
        io.out().write(line + "\n");
      }
    }
    return status;
  }
}
