package dev.ec2migrator.demo.ssh;

import java.util.List;

/**
 * The commands that run to completion at once on a simulated host. Messages and exit codes follow
 * util-linux / coreutils / dash.
 */
final class HostCommands {

  private HostCommands() {}

  /** Runs {@code argv}; null if no such command exists on the host. */
  static Integer run(SimHost host, List<String> argv, boolean root, ShellIo io) {
    List<String> args = argv.subList(1, argv.size());
    return switch (argv.get(0)) {
      case "true" -> 0;
      case "false" -> 1;
      case "echo" -> echo(args, io);
      case "cat" -> cat(host, args, io);
      case "touch" -> FileCommands.touch(host, args, io);
      case "rm" -> FileCommands.rm(host, args, io);
      case "mount" -> MountCommands.mount(host, args, root, io);
      case "fsfreeze" -> host.hasFsfreeze() ? MountCommands.fsfreeze(host, args, root, io) : null;
      default -> null;
    };
  }

  /** /proc/mounts from the host's mount table; any other path from its files. */
  private static int cat(SimHost host, List<String> args, ShellIo io) {
    int status = 0;
    for (String path : args) {
      if (path.equals("/proc/mounts")) {
        host.procMounts().forEach(line -> io.out().write(line + "\n"));
      } else {
        status |= FileCommands.cat(host, List.of(path), io);
      }
    }
    return status;
  }

  private static int echo(List<String> args, ShellIo io) {
    boolean newline = args.isEmpty() || !args.get(0).equals("-n");
    String text = String.join(" ", newline ? args : args.subList(1, args.size()));
    io.out().write(newline ? text + "\n" : text);
    return 0;
  }
}
