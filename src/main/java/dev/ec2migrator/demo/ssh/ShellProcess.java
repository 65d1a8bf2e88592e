package dev.ec2migrator.demo.ssh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * One simulated process: the script of an exec request, or a background job it started. Holds the
 * shell's state (variables, functions, traps, descriptors) and receives signals like a Unix
 * process: a trapped signal is run by the shell at the next command boundary (and makes {@code
 * wait} return at once), an ignored one does nothing, any other ends the process.
 */
final class ShellProcess {

  private static final Map<String, Integer> SIGNALS =
      Map.of("HUP", 1, "INT", 2, "KILL", 9, "USR1", 10, "PIPE", 13, "ALRM", 14, "TERM", 15);

  private final int pid;
  private final int shellPid;
  private final String command;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  final Map<String, String> variables;
  final Map<String, ShellNode> functions;
  private final Map<String, String> traps;
  final Map<Integer, ShellProcess> children = new HashMap<>();
  List<String> positional = List.of();
  ShellIo io;
  int lastStatus;
  String lastBackground = "";
  private final Deque<String> pending = new ArrayDeque<>();
  private String killedBy;
  private CompletableFuture<Void> wake = new CompletableFuture<>();

  private ShellProcess(
      int pid,
      int shellPid,
      String command,
      ShellIo io,
      Map<String, String> variables,
      Map<String, ShellNode> functions,
      Map<String, String> traps) {
    this.pid = pid;
    this.shellPid = shellPid;
    this.command = command;
    this.io = io;
    this.variables = variables;
    this.functions = functions;
    this.traps = traps;
  }

  /** The shell of an exec request. */
  static ShellProcess shell(int pid, String command, ShellIo io) {
    return new ShellProcess(
        pid, pid, command, io, new HashMap<>(), new HashMap<>(), new HashMap<>());
  }

  /**
   * A copy of this shell (a subshell or background job): variables and functions copied, traps
   * reset except ignored signals, which stay ignored (POSIX).
   */
  ShellProcess fork(int childPid, String childCommand, ShellIo childIo) {
    Map<String, String> ignored = new HashMap<>();
    synchronized (this) {
      traps.forEach(
          (signal, action) -> {
            if (action.isEmpty()) {
              ignored.put(signal, action);
            }
          });
    }
    ShellProcess child =
        new ShellProcess(
            childPid,
            shellPid,
            childCommand,
            childIo,
            new HashMap<>(variables),
            new HashMap<>(functions),
            ignored);
    child.positional = positional;
    child.lastStatus = lastStatus;
    return child;
  }

  int pid() {
    return pid;
  }

  int shellPid() {
    return shellPid;
  }

  String command() {
    return command;
  }

  CompletableFuture<Integer> exit() {
    return exit;
  }

  static Integer signalNumber(String name) {
    String upper = name.toUpperCase();
    if (upper.startsWith("SIG")) {
      upper = upper.substring(3);
    }
    if (upper.matches("\\d+")) {
      int number = Integer.parseInt(upper);
      return SIGNALS.containsValue(number) ? number : null;
    }
    return SIGNALS.get(upper);
  }

  static String signalName(int number) {
    return SIGNALS.entrySet().stream()
        .filter(e -> e.getValue() == number)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /** {@code trap action signal}: "" ignores, "-" restores the default. */
  synchronized void trap(String signal, String action) {
    if (action.equals("-")) {
      traps.remove(signal);
    } else {
      traps.put(signal, action);
    }
  }

  /** Delivers a signal (by name, e.g. TERM). */
  void signal(String signal) {
    synchronized (this) {
      if (exit.isDone() || killedBy != null) {
        return;
      }
      String action = signal.equals("KILL") ? null : traps.get(signal);
      if (action == null) {
        killedBy = signal;
      } else if (action.isEmpty()) {
        return;
      } else {
        pending.add(signal);
      }
    }
    wakeUp();
  }

  /** The action of the next trapped signal received, or null. */
  synchronized String takeTrapAction() {
    String signal = pending.pollFirst();
    return signal == null ? null : traps.getOrDefault(signal, "");
  }

  /** Ends the process here if it was killed. */
  synchronized void checkpoint() {
    if (killedBy != null) {
      throw new Killed(SIGNALS.get(killedBy));
    }
  }

  /**
   * Waits until {@code operation} completes. Returns false early when {@code trapsInterrupt} and a
   * trapped signal arrives ({@code wait} then returns, and the trap runs); throws {@link Killed}
   * when the process is killed meanwhile.
   */
  boolean await(CompletableFuture<?> operation, boolean trapsInterrupt) {
    while (true) {
      CompletableFuture<Void> woken;
      synchronized (this) {
        checkpoint();
        if (trapsInterrupt && !pending.isEmpty()) {
          return false;
        }
        woken = wake;
      }
      if (operation.isDone()) {
        return true;
      }
      try {
        CompletableFuture.anyOf(operation, woken).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Killed(SIGNALS.get("KILL"));
      } catch (ExecutionException e) {
        return true;
      }
    }
  }

  /** The signal number of the first trapped signal still pending (for wait's status). */
  synchronized int pendingSignal() {
    String signal = pending.peekFirst();
    return signal == null ? 0 : SIGNALS.get(signal);
  }

  void finished(int status) {
    exit.complete(status);
    wakeUp();
  }

  /** Background jobs started by this process and still running. */
  synchronized List<ShellProcess> runningChildren() {
    List<ShellProcess> running = new ArrayList<>();
    children.values().stream().filter(c -> !c.exit.isDone()).forEach(running::add);
    return running;
  }

  private void wakeUp() {
    CompletableFuture<Void> woken;
    synchronized (this) {
      woken = wake;
      wake = new CompletableFuture<>();
    }
    woken.complete(null);
  }

  /** The process ended by a signal: unwinds its evaluation, status 128 + signal. */
  static final class Killed extends RuntimeException {
    final int signal;

    Killed(int signal) {
      super(null, null, false, false);
      this.signal = signal;
    }
  }

  /** The value of a parameter ($?, $!, $$, $#, $0, $1..$9 or a variable) in this process. */
  UnaryOperator<String> lookup() {
    return name ->
        switch (name) {
          case "?" -> String.valueOf(lastStatus);
          case "!" -> lastBackground;
          case "$" -> String.valueOf(shellPid);
          case "#" -> String.valueOf(positional.size());
          case "0" -> "sh";
          default -> {
            if (name.matches("[1-9]")) {
              int index = Integer.parseInt(name) - 1;
              yield index < positional.size() ? positional.get(index) : "";
            }
            yield variables.getOrDefault(name, "");
          }
        };
  }
}
