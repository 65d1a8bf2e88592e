package dev.ec2migrator.demo.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * The builtins that act on one process or the host and need none of the interpreter's control flow:
 * exit and return statuses, trap, read, wait, kill, sudo and the host's own commands. Each answers
 * as dash does, with its error text.
 */
final class ShellBuiltins {
  private ShellBuiltins() {}

  static int status(List<String> args, ShellProcess p, ShellIo io) {
    if (args.isEmpty()) {
      return p.lastStatus;
    }
    try {
      return Integer.parseInt(args.get(0)) & 0xff;
    } catch (NumberFormatException e) {
      io.error("sh: 1: exit: Illegal number: " + args.get(0));
      return 2;
    }
  }

  static int trap(List<String> args, ShellProcess p, ShellIo io) {
    if (args.size() < 2) {
      return 0;
    }
    int status = 0;
    for (String signal : args.subList(1, args.size())) {
      Integer number = ShellProcess.signalNumber(signal);
      if (number == null) {
        io.error("sh: 1: trap: " + signal + ": bad trap");
        status = 1;
      } else {
        p.trap(ShellProcess.signalName(number), args.get(0));
      }
    }
    return status;
  }

  static int read(List<String> args, ShellProcess p, ShellIo io) {
    List<String> names = args.stream().filter(a -> !a.equals("-r")).toList();
    String line = io.stdin().readLine(p);
    String rest = line == null ? "" : line.strip();
    for (int i = 0; i < names.size(); i++) {
      String value;
      if (i == names.size() - 1) {
        value = rest;
      } else {
        String[] split = rest.split("[ \t]+", 2);
        value = split[0];
        rest = split.length > 1 ? split[1] : "";
      }
      p.variables.put(names.get(i), value);
    }
    return line == null ? 1 : 0;
  }

  /** Returns at once (128 + signal) when a trapped signal arrives, as POSIX wait does. */
  static int waitFor(List<String> args, ShellProcess p, ShellIo io) {
    List<ShellProcess> jobs = new ArrayList<>();
    synchronized (p) {
      if (args.isEmpty()) {
        jobs.addAll(p.runningChildren());
      }
      for (String arg : args) {
        ShellProcess job = arg.matches("\\d+") ? p.children.get(Integer.parseInt(arg)) : null;
        if (job == null) {
          io.error("sh: 1: wait: pid " + arg + " is not a child of this shell");
          return 127;
        }
        jobs.add(job);
      }
    }
    int status = 0;
    for (ShellProcess job : jobs) {
      if (!p.await(job.exit(), true)) {
        return 128 + p.pendingSignal();
      }
      status = job.exit().join();
    }
    return status;
  }

  static int kill(SimHost host, List<String> args, ShellIo io) {
    String signal = "TERM";
    List<String> pids = args;
    if (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1) {
      Integer number = ShellProcess.signalNumber(args.get(0).substring(1));
      if (number == null) {
        io.error("sh: 1: kill: invalid signal number or name: " + args.get(0).substring(1));
        return 2;
      }
      signal = ShellProcess.signalName(number);
      pids = args.subList(1, args.size());
    }
    if (pids.isEmpty()) {
      io.error("kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ...");
      return 2;
    }
    int status = 0;
    for (String pid : pids) {
      ShellProcess target = pid.matches("\\d+") ? host.process(Integer.parseInt(pid)) : null;
      if (target == null) {
        io.error("sh: 1: kill: No such process");
        status = 1;
      } else {
        target.signal(signal);
      }
    }
    return status;
  }

  /** Runs only what the host's sudoers allows, as root, never asking for a password. */
  static int sudo(SimHost host, List<String> words, ShellIo io) {
    if (!host.sudoAllowed()) {
      io.error(SudoPolicy.REFUSAL);
      return 1;
    }
    if (words.equals(List.of("sudo", "-n", "-l"))) {
      io.out().write(SudoPolicy.listing(host));
      return 0;
    }
    List<String> allowed = SudoPolicy.allowedCommand(words);
    if (allowed == null) {
      io.error(SudoPolicy.REFUSAL);
      return 1;
    }
    return hostCommand(host, allowed, true, io);
  }

  /** A command of the host's file system (mount, fsfreeze, sync, ...); 127 when there is none. */
  static int hostCommand(SimHost host, List<String> argv, boolean root, ShellIo io) {
    Integer code = HostCommands.run(host, argv, root, io);
    if (code == null) {
      io.error(
          (root ? "sudo: " : "sh: 1: ")
              + argv.get(0)
              + ": "
              + (root ? "command not found" : "not found"));
      return root ? 1 : 127;
    }
    return code;
  }

  static int missing(String command, ShellIo io) {
    io.error(command + ": missing operand");
    return 1;
  }
}
