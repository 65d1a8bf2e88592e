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

/**
 * Runs a script on a simulated host like {@code sh -c} would: one thread per running process (the
 * script, and each background job while it runs), blocking where sh blocks ({@code read}, {@code
 * wait}, {@code sleep}) and woken by signals. A background {@code sleep} is the host's dead-man:
 * the log shows it armed, and fired (it slept to its end) or expired (it was killed).
 *
 * <p>Size: sh's control flow (lists, and-or, if, while, case, functions, subshells, background
 * jobs) and the builtins that re-enter it (exec, sh -c, a sleep woken by signals) share the
 * thread-per-process machinery; the builtins that do not are {@link ShellBuiltins}.
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
      inner = io.redirect(expanded(ShellNode.redirects(node), p), host::file);
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
    String subject = ShellWord.single(choice.subject(), p.lookup());
    for (CaseItem item : choice.items()) {
      for (String pattern : item.patterns()) {
        if (ShellWord.matches(ShellWord.expand(pattern, p.lookup()), subject)) {
          return list(item.body(), p, inner);
        }
      }
    }
    return 0;
  }

  private List<Redirect> expanded(List<Redirect> redirects, ShellProcess p) {
    return redirects.stream()
        .map(r -> new Redirect(r.fd(), r.op(), ShellWord.single(r.target(), p.lookup())))
        .toList();
  }

  /** A background job: a process of its own, with /dev/null as stdin unless redirected. */
  private void background(ShellNode node, ShellProcess p, ShellIo io) {
    ShellIo childIo =
        ShellIo.redirectsStdin(ShellNode.redirects(node)) ? io : io.withStdin(ShellInput.NULL);
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
      holdsChannel =
          childIo.redirect(expanded(ShellNode.redirects(node), p), host::file).holdsChannel();
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
            word.substring(0, eq), ShellWord.single(word.substring(eq + 1), p.lookup())
          });
    }
    List<String> words = new ArrayList<>();
    for (String word : raw.subList(first, raw.size())) {
      words.addAll(ShellWord.fields(word, p.lookup()));
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
      case "exit" -> throw new Exit(ShellBuiltins.status(args, p, io));
      case "return" -> throw new Return(ShellBuiltins.status(args, p, io));
      case "trap" -> ShellBuiltins.trap(args, p, io);
      case "read" -> ShellBuiltins.read(args, p, io);
      case "wait" -> ShellBuiltins.waitFor(args, p, io);
      case "kill" -> ShellBuiltins.kill(host, args, io);
      case "exec" -> exec(args, p, io);
      case "sleep" -> sleep(args, p, io);
      case "setsid" -> args.isEmpty() ? ShellBuiltins.missing("setsid", io) : command(args, p, io);
      case "sh" -> sh(args, p, io);
      case "sudo" -> ShellBuiltins.sudo(host, words, io);
      case "[", "test" -> TestCommand.run(host, name, args, io);
      default -> ShellBuiltins.hostCommand(host, words, false, io);
    };
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
      return ShellBuiltins.missing("sleep", io);
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
