package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.ShellNode.Conditional;
import dev.ec2migrator.sim.ssh.ShellNode.Job;
import dev.ec2migrator.sim.ssh.ShellNode.Sequence;
import dev.ec2migrator.sim.ssh.ShellNode.SimpleCommand;
import dev.ec2migrator.sim.ssh.ShellNode.Subshell;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command line on a simulated host, like {@code sh -c} would. Evaluation is asynchronous:
 * {@code sleep} schedules its continuation instead of blocking, so sleeping background jobs (the
 * dead-men) hold no thread.
 */
final class ShellInterpreter {

  private final SimHost host;
  private final ScheduledExecutorService scheduler;
  private final double sleepScale;
  private final List<CompletableFuture<ShellStatus>> channelHolders = new ArrayList<>();

  ShellInterpreter(SimHost host, ScheduledExecutorService scheduler, double sleepScale) {
    this.host = host;
    this.scheduler = scheduler;
    this.sleepScale = sleepScale;
  }

  CompletableFuture<ShellStatus> run(String commandLine, ShellIo io) {
    return script(commandLine, io, ShellJob.foreground(host));
  }

  /** Completes when no background job holds the channel's stdout or stderr any more. */
  CompletableFuture<Void> channelReleased() {
    List<CompletableFuture<ShellStatus>> holders;
    synchronized (channelHolders) {
      holders = List.copyOf(channelHolders);
      if (holders.stream().allMatch(CompletableFuture::isDone)) {
        return CompletableFuture.completedFuture(null);
      }
    }
    return CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new))
        .handle((ignored, failure) -> null)
        .thenCompose(ignored -> channelReleased()); // holders may have started holders
  }

  private CompletableFuture<ShellStatus> script(String text, ShellIo io, ShellJob job) {
    Sequence parsed;
    try {
      parsed = ShellParser.parse(text);
    } catch (ShellSyntaxException e) {
      io.error("sh: 1: Syntax error: " + e.getMessage());
      return done(ShellStatus.of(2));
    }
    return sequence(parsed.jobs(), 0, ShellStatus.SUCCESS, io, job)
        .thenApply(ShellStatus::leaveShell);
  }

  private CompletableFuture<ShellStatus> node(ShellNode node, ShellIo io, ShellJob job) {
    if (node instanceof SimpleCommand command) {
      return command.words().isEmpty()
          ? done(ShellStatus.SUCCESS)
          : simple(command.words(), io.redirect(command.redirects()), job);
    }
    if (node instanceof Subshell subshell) {
      ShellIo inner = io.redirect(subshell.redirects());
      return sequence(subshell.body().jobs(), 0, ShellStatus.SUCCESS, inner, job)
          .thenApply(ShellStatus::leaveShell);
    }
    if (node instanceof Conditional conditional) {
      return node(conditional.left(), io, job)
          .thenCompose(
              left -> {
                boolean runRight = conditional.andIf() == (left.code() == 0);
                return left.exit() || !runRight ? done(left) : node(conditional.right(), io, job);
              });
    }
    Sequence sequence = (Sequence) node;
    return sequence(sequence.jobs(), 0, ShellStatus.SUCCESS, io, job);
  }

  private CompletableFuture<ShellStatus> sequence(
      List<Job> jobs, int index, ShellStatus last, ShellIo io, ShellJob job) {
    if (index == jobs.size() || last.exit()) {
      return done(last);
    }
    Job next = jobs.get(index);
    if (next.background()) {
      background(next.node(), io, job);
      return sequence(jobs, index + 1, ShellStatus.SUCCESS, io, job);
    }
    return node(next.node(), io, job)
        .thenCompose(status -> sequence(jobs, index + 1, status, io, job));
  }

  private void background(ShellNode node, ShellIo io, ShellJob job) {
    ShellIo effective = io;
    String text = node.toString();
    if (node instanceof SimpleCommand command) {
      effective = io.redirect(command.redirects());
      text = command.text();
    } else if (node instanceof Subshell subshell) {
      effective = io.redirect(subshell.redirects());
    }
    CompletableFuture<ShellStatus> running = node(node, io, job.inBackground(text));
    if (effective.holdsChannel()) {
      synchronized (channelHolders) {
        channelHolders.add(running);
      }
    }
  }

  private CompletableFuture<ShellStatus> simple(List<String> words, ShellIo io, ShellJob job) {
    List<String> args = words.subList(1, words.size());
    return switch (words.get(0)) {
      case "sleep" -> sleep(args, io, job);
      case "exit" -> done(exit(args, io));
      case "setsid" -> args.isEmpty() ? done(missing("setsid", io)) : simple(args, io, job);
      case "sh" -> sh(args, io, job);
      case "sudo" -> done(sudo(words, io, job));
      default -> done(hostCommand(words, false, io, job));
    };
  }

  private CompletableFuture<ShellStatus> sh(List<String> args, ShellIo io, ShellJob job) {
    if (args.isEmpty()) {
      return done(ShellStatus.SUCCESS); // reads the (empty) stdin
    }
    if (args.get(0).equals("-c")) {
      if (args.size() < 2) {
        io.error("sh: 0: -c requires an argument");
        return done(ShellStatus.of(2));
      }
      return script(args.get(1), io, job);
    }
    io.error("sh: 0: cannot open " + args.get(0) + ": No such file");
    return done(ShellStatus.of(2));
  }

  private ShellStatus sudo(List<String> words, ShellIo io, ShellJob job) {
    List<String> allowed = SudoPolicy.allowedCommand(words);
    if (allowed == null) {
      io.error(SudoPolicy.REFUSAL);
      return ShellStatus.FAILURE;
    }
    return hostCommand(allowed, true, io, job);
  }

  private ShellStatus hostCommand(List<String> argv, boolean root, ShellIo io, ShellJob job) {
    Integer code = HostCommands.run(host, argv, root, io, job);
    if (code == null) {
      io.error("sh: 1: " + argv.get(0) + ": not found");
      return ShellStatus.of(127);
    }
    return ShellStatus.of(code);
  }

  private CompletableFuture<ShellStatus> sleep(List<String> args, ShellIo io, ShellJob job) {
    if (args.isEmpty()) {
      return done(missing("sleep", io));
    }
    double seconds = 0;
    for (String arg : args) {
      double parsed = SleepInterval.seconds(arg);
      if (Double.isNaN(parsed)) {
        io.error("sleep: invalid time interval '" + arg + "'");
        return done(ShellStatus.FAILURE);
      }
      seconds += parsed;
    }
    job.sleeping();
    long nanos = (long) Math.min(Long.MAX_VALUE, seconds * sleepScale * 1e9);
    CompletableFuture<ShellStatus> woken = new CompletableFuture<>();
    scheduler.schedule(() -> woken.complete(ShellStatus.SUCCESS), nanos, TimeUnit.NANOSECONDS);
    return woken;
  }

  private static ShellStatus exit(List<String> args, ShellIo io) {
    if (args.isEmpty()) {
      return new ShellStatus(0, true);
    }
    try {
      return new ShellStatus(Integer.parseInt(args.get(0)) & 0xff, true);
    } catch (NumberFormatException e) {
      io.error("sh: 1: exit: Illegal number: " + args.get(0));
      return new ShellStatus(2, true);
    }
  }

  private static ShellStatus missing(String command, ShellIo io) {
    io.error(command + ": missing operand");
    return ShellStatus.FAILURE;
  }

  private static CompletableFuture<ShellStatus> done(ShellStatus status) {
    return CompletableFuture.completedFuture(status);
  }
}
