package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.HostEvent.Kind;
import dev.ec2migrator.sim.ssh.OutputSink.ChannelBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec request: runs the command line on the host named by the SSH user, then sends stdout,
 * stderr and the exit status (or drops the connection when the host was told to).
 */
final class SimExecCommand implements Command {

  private static final Logger LOG = LoggerFactory.getLogger(SimExecCommand.class);

  private final String commandLine;
  private final Function<String, SimHost> hosts;
  private final ScheduledExecutorService scheduler;
  private final SshSimulatorSettings settings;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exitCallback;

  SimExecCommand(
      String commandLine,
      Function<String, SimHost> hosts,
      ScheduledExecutorService scheduler,
      SshSimulatorSettings settings) {
    this.commandLine = commandLine;
    this.hosts = hosts;
    this.scheduler = scheduler;
    this.settings = settings;
  }

  @Override
  public void setInputStream(InputStream in) {
    // the simulated commands read no input
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
    Duration latency = settings.commandLatency().plus(host.currentCommandLatency());
    scheduler.schedule(() -> execute(channel, host), latency.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void destroy(ChannelSession channel) {
    // background jobs outlive the channel, like setsid'd processes outlive an ssh session
  }

  private void execute(ChannelSession channel, SimHost host) {
    ChannelBuffer stdout = new ChannelBuffer();
    ChannelBuffer stderr = new ChannelBuffer();
    ShellInterpreter shell = new ShellInterpreter(host, scheduler, settings.sleepScale());
    shell
        .run(commandLine, new ShellIo(stdout, stderr))
        .exceptionally(
            failure -> {
              LOG.warn("simulated shell failed on {}: {}", host.name(), commandLine, failure);
              stderr.write("sh: internal error\n");
              return ShellStatus.FAILURE;
            })
        .thenAccept(
            status -> {
              if (host.takeDropRequest(commandLine)) {
                host.record(Kind.CONNECTION_DROPPED, commandLine);
                channel.getSession().close(true);
                return;
              }
              shell.channelReleased().thenRun(() -> finish(status.code(), stdout, stderr));
            });
  }

  private void finish(int exitCode, ChannelBuffer stdout, ChannelBuffer stderr) {
    try {
      out.write(stdout.toByteArray());
      out.flush();
      err.write(stderr.toByteArray());
      err.flush();
      exitCallback.onExit(exitCode);
    } catch (IOException | RuntimeException e) {
      LOG.debug("client went away before the result of '{}' was sent", commandLine, e);
    }
  }
}
