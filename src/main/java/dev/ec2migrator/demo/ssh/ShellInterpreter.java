package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.HostEvent.Kind;
import dev.ec2migrator.demo.ssh.ShellNode.Case;
import dev.ec2migrator.demo.ssh.ShellNode.CaseItem;
import dev.ec2migrator.demo.ssh.ShellNode.Conditional;
import dev.ec2migrator.demo.ssh.ShellNode.FunctionDefinition;
import dev.ec2migrator.demo.ssh.ShellNode.Group;
import dev.ec2migrator.demo.ssh.ShellNode.If;
import dev.ec2migrator.demo.ssh.ShellNode.Job;
import dev.ec2migrator.demo.ssh.ShellNode.Redirect;
import dev.ec2migrator.demo.ssh.ShellNode.Sequence;
import dev.ec2migrator.demo.ssh.ShellNode.SimpleCommand;
import dev.ec2migrator.demo.ssh.ShellNode.Subshell;
import dev.ec2migrator.demo.ssh.ShellNode.While;
import dev.ec2migrator.demo.ssh.ShellProcess.Killed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs a script on a simulated host like {@code sh -c} would: one thread per running process (the
 * script, and each background job while it runs), blocking where sh blocks ({@code read}, {@code
 * wait}, {@code sleep}) and woken by signals. A background {@code sleep} is the host's dead-man:
 * the log shows it armed, and fired (it slept to its end) or expired (it was killed).
 *
 * <p>Size: one method per shell construct and builtin the quiesce scripts use, sharing one process
 * state.
 */
final class ShellInterpreter {

  private final SimHost host;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final double sleepScale;
  private final List<CompletableFuture<Integer>> channelHolders = new ArrayList<>();

  ShellInterpreter(
      SimHost host,
      ScheduledExecutorService scheduler,
      ExecutorService workers,
      double sleepScale) {
    this.host = host;
    this.scheduler = scheduler;
    this.workers = workers;
    this.sleepScale = sleepScale;
  }

  /** Runs {@code script} as the whole life of {@code process}; returns its exit status. */
  int run(String script, ShellProcess process) {
    return life(process, () -> script(script, process, process.io));
  }

  /** Waits until no background job holds the channel's stdout or stderr any more. */
  void awaitChannelReleased() {
    while (true) {
      List<CompletableFuture<Integer>> holders;
      synchronized (channelHolders) {
        holders = List.copyOf(channelHolders);
      }
      if (holders.stream().allMatch(CompletableFuture::isDone)) {
        return;
      }
      CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new)).join();
    }
  }

  private interface Body {
    int run();
  }

  private int life(ShellProcess process, Body body) {
    host.started(process);
    int status;
    try {
      status = body.run();
    } catch (Exit e) {
      status = e.status;
    } catch (Return e) {
      status = e.status;
    } catch (Killed e) {
      status = 128 + e.signal;
    } finally {
      host.ended(process);
    }
    process.finished(status);
    return status;
  }

  private int script(String text, ShellProcess p, ShellIo io) {
    Sequence parsed;
    try {
      parsed = ShellParser.parse(text);
    } catch (ShellSyntaxException e) {
      io.error("sh: 1: Syntax error: " + e.getMessage());
      return 2;
    }
    return list(parsed, p, io);
  }

  private int list(Sequence sequence, ShellProcess p, ShellIo io) {
    int status = p.lastStatus;
    ShellIo current = io;
    for (Job job : sequence.jobs()) {
      p.checkpoint();
      ShellIo before = p.io;
      if (job.background()) {
        background(job.node(), p, current);
        status = 0;
      } else {
        status = node(job.node(), p, current);
      }
      p.lastStatus = status;
      if (p.io != before) {
        current = p.io; // exec changed the shell's own descriptors
      }
      runTraps(p);
    }
    return status;
  }

  /** Runs the trap actions of the signals received; $? is what it was before them. */
  private void runTraps(ShellProcess p) {
    String action;
    while ((action = p.takeTrapAction()) != null) {
      int saved = p.lastStatus;
      script(action, p, p.io);
      p.lastStatus = saved;
    }
  }

  private int node(ShellNode node, ShellProcess p, ShellIo io) {
    if (node instanceof SimpleCommand command) {
      return simple(command, p, io);
    }
    if (node instanceof Conditional conditional) {
      int left = node(conditional.left(), p, io);
      p.lastStatus = left;
      return conditional.andIf() == (left == 0) ? node(conditional.right(), p, io) : left;
    }
    if (node instanceof Sequence sequence) {
      return list(sequence, p, io);
    }
    if (node instanceof FunctionDefinition definition) {
      p.functions.put(definition.name(), definition.body());
      return 0;
    }
    ShellIo inner;
    try {
      inner = io.redirect(expanded(redirects(node), p), host::file);
    } catch (ShellIo.RedirectionException e) {
      io.error("sh: 1: cannot open " + e.getMessage());
      return 2;
    }
    if (node instanceof Subshell subshell) {
      ShellProcess copy = p.fork(host.nextPid(), "subshell", inner);
      return life(copy, () -> list(subshell.body(), copy, inner));
    }
    if (node instanceof Group group) {
      return list(group.body(), p, inner);
    }
    if (node instanceof If conditional) {
      if (list(conditional.condition(), p, inner) == 0) {
        return list(conditional.body(), p, inner);
      }
      return conditional.otherwise() == null ? 0 : node(conditional.otherwise(), p, inner);
    }
    if (node instanceof While loop) {
      int status = 0;
      while (list(loop.condition(), p, inner) == 0) {
        status = list(loop.body(), p, inner);
      }
      return status;
    }
    Case choice = (Case) node;
    String subject = ShellWord.single(choice.subject(), lookup(p));
    for (CaseItem item : choice.items()) {
      for (String pattern : item.patterns()) {
        if (ShellWord.matches(ShellWord.expand(pattern, lookup(p)), subject)) {
          return list(item.body(), p, inner);
        }
      }
    }
    return 0;
  }

  private static List<Redirect> redirects(ShellNode node) {
    if (node instanceof SimpleCommand command) {
      return command.redirects();
    } else if (node instanceof Subshell subshell) {
      return subshell.redirects();
    } else if (node instanceof Group group) {
      return group.redirects();
    } else if (node instanceof If conditional) {
      return conditional.redirects();
    } else if (node instanceof While loop) {
      return loop.redirects();
    } else if (node instanceof Case choice) {
      return choice.redirects();
    }
    return List.of();
  }

  private List<Redirect> expanded(List<Redirect> redirects, ShellProcess p) {
    return redirects.stream()
        .map(r -> new Redirect(r.fd(), r.op(), ShellWord.single(r.target(), lookup(p))))
        .toList();
  }

  /** A background job: a process of its own, with /dev/null as stdin unless redirected. */
  private void background(ShellNode node, ShellProcess p, ShellIo io) {
    ShellIo childIo = ShellIo.redirectsStdin(redirects(node)) ? io : io.withStdin(ShellInput.NULL);
    String text = node instanceof SimpleCommand command ? command.text() : node.toString();
    ShellProcess child = p.fork(host.nextPid(), text, childIo);
    synchronized (p) {
      p.children.put(child.pid(), child);
    }
    p.lastBackground = String.valueOf(child.pid());
    boolean deadMan =
        node instanceof SimpleCommand command
            && !command.words().isEmpty()
            && command.words().get(0).equals("sleep");
    if (deadMan) {
      host.record(Kind.DEADMAN_ARMED, text);
    }
    boolean holdsChannel;
    try {
      holdsChannel = childIo.redirect(expanded(redirects(node), p), host::file).holdsChannel();
    } catch (ShellIo.RedirectionException e) {
      holdsChannel = false;
    }
    if (holdsChannel) {
      synchronized (channelHolders) {
        channelHolders.add(child.exit());
      }
    }
    host.started(child); // $! can be signalled at once, before the job's thread runs
    workers.execute(
        () -> {
          int status = life(child, () -> node(node, child, childIo));
          if (deadMan) {
            host.record(status == 0 ? Kind.DEADMAN_FIRED : Kind.DEADMAN_EXPIRED, text);
          }
        });
  }

  private int simple(SimpleCommand command, ShellProcess p, ShellIo io) {
    List<String> raw = command.words();
    int first = 0;
    List<String[]> assignments = new ArrayList<>();
    while (first < raw.size() && raw.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=(?s).*")) {
      String word = raw.get(first++);
      int eq = word.indexOf('=');
      assignments.add(
          new String[] {
            word.substring(0, eq), ShellWord.single(word.substring(eq + 1), lookup(p))
          });
    }
    List<String> words = new ArrayList<>();
    for (String word : raw.subList(first, raw.size())) {
      words.addAll(ShellWord.fields(word, lookup(p)));
    }
    ShellIo redirected;
    try {
      redirected = io.redirect(expanded(command.redirects(), p), host::file);
    } catch (ShellIo.RedirectionException e) {
      io.error("sh: 1: cannot open " + e.getMessage());
      return 2;
    }
    assignments.forEach(a -> p.variables.put(a[0], a[1]));
    if (words.isEmpty()) {
      return 0;
    }
    return command(words, p, redirected);
  }

  private int command(List<String> words, ShellProcess p, ShellIo io) {
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    ShellNode function = p.functions.get(name);
    if (function != null) {
      List<String> saved = p.positional;
      p.positional = List.copyOf(args);
      try {
        return node(function, p, io);
      } catch (Return r) {
        return r.status;
      } finally {
        p.positional = saved;
      }
    }
    return switch (name) {
      case ":" -> 0;
      case "exit" -> throw new Exit(status(args, p, io));
      case "return" -> throw new Return(status(args, p, io));
      case "trap" -> trap(args, p, io);
      case "read" -> read(args, p, io);
      case "wait" -> waitFor(args, p, io);
      case "kill" -> kill(args, io);
      case "exec" -> exec(args, p, io);
      case "sleep" -> sleep(args, p, io);
      case "setsid" -> args.isEmpty() ? missing("setsid", io) : command(args, p, io);
      case "sh" -> sh(args, p, io);
      case "sudo" -> sudo(words, io);
      case "[", "test" -> TestCommand.run(host, name, args, io);
      default -> hostCommand(words, false, io);
    };
  }

  private static int status(List<String> args, ShellProcess p, ShellIo io) {
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

  private static int trap(List<String> args, ShellProcess p, ShellIo io) {
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

  private static int read(List<String> args, ShellProcess p, ShellIo io) {
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
  private static int waitFor(List<String> args, ShellProcess p, ShellIo io) {
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

  private int kill(List<String> args, ShellIo io) {
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

  /** Only the form without a command: the redirections apply to the shell itself. */
  private int exec(List<String> args, ShellProcess p, ShellIo io) {
    if (!args.isEmpty()) {
      return command(args, p, io);
    }
    p.io = io;
    return 0;
  }

  private int sleep(List<String> args, ShellProcess p, ShellIo io) {
    if (args.isEmpty()) {
      return missing("sleep", io);
    }
    double seconds = 0;
    for (String arg : args) {
      double parsed = SleepInterval.seconds(arg);
      if (Double.isNaN(parsed)) {
        io.error("sleep: invalid time interval '" + arg + "'");
        return 1;
      }
      seconds += parsed;
    }
    long nanos = (long) Math.min(Long.MAX_VALUE, seconds * sleepScale * 1e9);
    CompletableFuture<Void> woken = new CompletableFuture<>();
    var alarm = scheduler.schedule(() -> woken.complete(null), nanos, TimeUnit.NANOSECONDS);
    try {
      p.await(woken, false);
    } finally {
      alarm.cancel(false);
    }
    return 0;
  }

  /** {@code sh -c script}: a new shell process, waited for. */
  private int sh(List<String> args, ShellProcess p, ShellIo io) {
    if (args.isEmpty()) {
      return 0; // reads the (empty) stdin
    }
    if (!args.get(0).equals("-c")) {
      io.error("sh: 0: cannot open " + args.get(0) + ": No such file");
      return 2;
    }
    if (args.size() < 2) {
      io.error("sh: 0: -c requires an argument");
      return 2;
    }
    ShellProcess shell = ShellProcess.shell(host.nextPid(), args.get(1), io);
    CompletableFuture<Integer> done =
        CompletableFuture.supplyAsync(() -> run(args.get(1), shell), workers);
    p.await(done, false);
    return done.join();
  }

  private int sudo(List<String> words, ShellIo io) {
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
    return hostCommand(allowed, true, io);
  }

  private int hostCommand(List<String> argv, boolean root, ShellIo io) {
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

  private static int missing(String command, ShellIo io) {
    io.error(command + ": missing operand");
    return 1;
  }

  private static UnaryOperator<String> lookup(ShellProcess p) {
    return name ->
        switch (name) {
          case "?" -> String.valueOf(p.lastStatus);
          case "!" -> p.lastBackground;
          case "$" -> String.valueOf(p.shellPid());
          case "#" -> String.valueOf(p.positional.size());
          case "0" -> "sh";
          default -> {
            if (name.matches("[1-9]")) {
              int index = Integer.parseInt(name) - 1;
              yield index < p.positional.size() ? p.positional.get(index) : "";
            }
            yield p.variables.getOrDefault(name, "");
          }
        };
  }

  /** {@code exit}: ends the shell (or subshell) it runs in. */
  private static final class Exit extends RuntimeException {
    final int status;

    Exit(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  /** {@code return}: ends the function it runs in. */
  private static final class Return extends RuntimeException {
    final int status;

    Return(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }
}
