package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.SimHost.MountOutcome;
import java.util.List;

/** {@code mount} and {@code fsfreeze}, with util-linux's messages and exit codes. */
final class MountCommands {

  private MountCommands() {}

  static int mount(SimHost host, List<String> args, boolean root, ShellIo io) {
    return root ? mountAsRoot(host, args, io) : mountAsUser(host, args, io);
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

  static int fsfreeze(SimHost host, List<String> args, boolean root, ShellIo io) {
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
