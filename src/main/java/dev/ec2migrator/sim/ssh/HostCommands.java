package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.SimHost.FileOutcome;
import dev.ec2migrator.sim.ssh.SimHost.MountOutcome;
import java.util.List;

/**
 * The commands that run to completion at once on a simulated host: {@code touch}, {@code rm},
 * {@code echo}, {@code true}, {@code false}, {@code mount}, {@code fsfreeze}. Messages and exit
 * codes follow util-linux / coreutils / dash.
 */
final class HostCommands {

  private HostCommands() {}

  /** Runs {@code argv}; null if no such command exists on the host. */
  static Integer run(SimHost host, List<String> argv, boolean root, ShellIo io, ShellJob job) {
    List<String> args = argv.subList(1, argv.size());
    return switch (argv.get(0)) {
      case "true" -> 0;
      case "false" -> 1;
      case "echo" -> echo(args, io);
      case "touch" -> touch(host, args, io);
      case "rm" -> rm(host, args, io, job);
      case "mount" -> root ? mountAsRoot(host, args, io) : mountAsUser(host, args, io);
      case "fsfreeze" -> fsfreeze(host, args, root, io);
      default -> null;
    };
  }

  private static int echo(List<String> args, ShellIo io) {
    boolean newline = args.isEmpty() || !args.get(0).equals("-n");
    String text = String.join(" ", newline ? args : args.subList(1, args.size()));
    io.out().write(newline ? text + "\n" : text);
    return 0;
  }

  private static int touch(SimHost host, List<String> paths, ShellIo io) {
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

  private static int rm(SimHost host, List<String> args, ShellIo io, ShellJob job) {
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
      if (!force) {
        job.markerChecked(path, outcome == FileOutcome.DONE);
      }
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

  private static int mountAsUser(SimHost host, List<String> args, ShellIo io) {
    if (args.isEmpty()) {
      host.mountTable().forEach(io::println);
      return 0;
    }
    if (args.contains("-o")) {
      io.error("mount: only root can use \"--options\" option");
      return 32;
    }
    io.error("mount: only root can do that");
    return 1;
  }

  /** Only the remount forms reach here: {@link SudoPolicy} lets nothing else through. */
  private static int mountAsRoot(SimHost host, List<String> args, ShellIo io) {
    if (args.size() != 3 || !args.get(0).equals("-o") || !args.get(1).startsWith("remount,")) {
      io.error("mount: bad usage");
      return 1;
    }
    String mountPoint = args.get(2);
    MountOutcome outcome = host.remount(mountPoint, args.get(1).equals("remount,ro"));
    return switch (outcome) {
      case NOT_MOUNTED -> {
        io.error("mount: " + mountPoint + ": mount point not mounted or bad option.");
        yield 32;
      }
      case BUSY -> {
        io.error("mount: " + mountPoint + ": mount point is busy.");
        yield 32;
      }
      default -> 0;
    };
  }

  private static int fsfreeze(SimHost host, List<String> args, boolean root, ShellIo io) {
    if (args.size() != 2 || !(args.get(0).equals("-f") || args.get(0).equals("-u"))) {
      io.error("fsfreeze: bad usage");
      return 1;
    }
    String mountPoint = args.get(1);
    if (!root) {
      io.error("fsfreeze: cannot open " + mountPoint + ": Permission denied");
      return 1;
    }
    boolean freeze = args.get(0).equals("-f");
    return switch (host.freeze(mountPoint, freeze)) {
      case NOT_MOUNTED -> {
        io.error("fsfreeze: cannot open " + mountPoint + ": No such file or directory");
        yield 1;
      }
      case ALREADY_FROZEN -> {
        io.error("fsfreeze: " + mountPoint + ": freeze failed: Device or resource busy");
        yield 1;
      }
      case NOT_FROZEN -> {
        io.error("fsfreeze: " + mountPoint + ": unfreeze failed: Invalid argument");
        yield 1;
      }
      default -> 0;
    };
  }
}
