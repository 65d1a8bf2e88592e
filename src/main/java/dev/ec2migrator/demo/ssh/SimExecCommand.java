package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.HostEvent.Kind;
import dev.ec2migrator.demo.ssh.OutputSink.ChannelStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec request: runs the command line on the host named by the SSH user with the channel's
 * stdin, stdout and stderr, then sends the exit status once no background job holds the channel (or
 * drops the connection when the host was told to).
 */
final class SimExecCommand implements Command {

  private static final Logger LOG = LoggerFactory.getLogger(SimExecCommand.class);

  private final String commandLine;
  private final Function<String, SimHost> hosts;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final SshSimulatorSettings settings;
  private final ShellInput.ChannelLines stdin = new ShellInput.ChannelLines();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exitCallback;

  SimExecCommand(
      String commandLine,
      Function<String, SimHost> hosts,
      ScheduledExecutorService scheduler,
      ExecutorService workers,
      SshSimulatorSettings settings) {
    this.commandLine = commandLine;
    this.hosts = hosts;
    this.scheduler = scheduler;
    this.workers = workers;
    this.settings = settings;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    SimHost host = hosts.apply(channel.getSession().getUsername());
    if (host == null) { // the authenticator lets only known hosts in; removed since?
      exitCallback.onExit(255, "no such host");
      return;
    }
    host.record(Kind.COMMAND, commandLine);
    workers.execute(() -> pumpStdin(host));
    Duration latency = settings.commandLatency().plus(host.currentCommandLatency(commandLine));
    scheduler.schedule(
        () -> workers.execute(() -> execute(channel, host)),
        latency.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  @Override
  public void destroy(ChannelSession channel) {
    // the channel is gone: its stdin ends (pumpStdin sees it); processes live on until they exit
  }

  /** Copies the channel's stdin to the script; a partitioned host sees neither data nor EOF. */
  private void pumpStdin(SimHost host) {
    byte[] buffer = new byte[1024];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!host.partitioned()) {
          stdin.received(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("stdin of '{}' ended: {}", commandLine, e.toString());
    }
    if (!host.partitioned()) {
      stdin.endOfFile();
    }
  }

  private void execute(ChannelSession channel, SimHost host) {
    boolean drop = host.takeDropRequest(commandLine);
    Runnable dropNow = drop ? () -> drop(channel, host) : null;
    ShellIo io =
        new ShellIo(
            new ChannelStream(out, host, dropNow),
            new ChannelStream(err, host, null),
            Map.of(0, stdin));
    ShellInterpreter shell = new ShellInterpreter(host, scheduler, workers, settings.sleepScale());
    int status;
    try {
      status = shell.run(commandLine, ShellProcess.shell(host.nextPid(), commandLine, io));
      shell.awaitChannelReleased();
    } catch (RuntimeException e) {
      LOG.warn("simulated shell failed on {}: {}", host.name(), commandLine, e);
      io.error("sh: internal error");
      status = 1;
    }
    if (drop) {
      drop(channel, host); // a command that printed no line: dropped once it has run
      return;
    }
    if (host.partitioned()) {
      return; // the exit status never reaches the client
    }
    try {
      exitCallback.onExit(status);
    } catch (RuntimeException e) {
      LOG.debug("client went away before the exit status of '{}' was sent", commandLine, e);
    }
  }

  private void drop(ChannelSession channel, SimHost host) {
    if (dropped.compareAndSet(false, true)) {
      host.record(Kind.CONNECTION_DROPPED, commandLine);
      channel.getSession().close(true);
    }
  }
}
