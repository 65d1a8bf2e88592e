package dev.ec2migrator.quiesce;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.component.ssh.SshConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quiesce steps of the per-instance route: prepares the ssh exchange (endpoint, user, command)
 * and judges the host's answer. A failed freeze fails the instance unless the configured fallback
 * is a crash-consistent snapshot.
 */
public class QuiesceStep {
  private static final Logger LOG = LoggerFactory.getLogger(QuiesceStep.class);
  public static final String TOKEN = "migratorQuiesceToken";
  public static final String SSH_URI = "migratorSshUri";

  private final SshTargets targets;
  private final QuiesceCommands commands;
  private final boolean crashConsistentOnFailure;
  private final String sshOptions;
  private final BoundedSshClientBuilder ssh;

  /**
   * @param sshOptions the camel-ssh endpoint options (key, timeout, the shared client), resolved
   * @param ssh the shared client, which knows why a host's key was refused
   */
  public QuiesceStep(
      SshTargets targets,
      QuiesceCommands commands,
      boolean crashConsistentOnFailure,
      String sshOptions,
      BoundedSshClientBuilder ssh) {
    this.targets = targets;
    this.commands = commands;
    this.crashConsistentOnFailure = crashConsistentOnFailure;
    this.sshOptions = sshOptions;
    this.ssh = ssh;
  }

  /** Sets the ssh endpoint, user and freeze command; arms a fresh dead-man token. */
  public void prepareFreeze(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    String token =
        m.runId()
            + "-"
            + m.instanceId()
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    exchange.setProperty(TOKEN, token);
    target(exchange, m);
    exchange.getMessage().setBody(commands.freeze(targets.mountPoints(m), token));
    m.stage(Stage.QUIESCING);
  }

  /**
   * Exit 0: frozen now. Otherwise fail, or go on crash-consistent when configured so. Called only
   * once the freeze command reached the host: camel-ssh throws (and this is skipped) when it could
   * not connect, authenticate, verify the host key or open the channel, and then nothing ran there,
   * so there is nothing to thaw either.
   */
  public void checkFrozen(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    m.freezeAttempted(true);
    int exit = exitValue(exchange);
    if (exit == 0) {
      m.frozen(Instant.now());
      return;
    }
    String stderr = stderr(exchange); // a stream: read it once
    String reason = exitText(exchange, exit) + ": " + stderr;
    if (crashConsistentOnFailure) {
      LOG.warn(
          "{}: quiesce failed ({}); snapshot will be crash-consistent", m.instanceId(), reason);
      m.warn("not quiesced, crash-consistent snapshot (" + reason + ")");
      return;
    }
    throw new QuiesceException(m.instanceId(), "quiesce", exitText(exchange, exit), stderr);
  }

  /**
   * The ssh call itself failed before the command ran (connect, host key, authentication, channel
   * open): nothing happened on the host. Says which of them refused it (camel-ssh's own message
   * names its endpoint's user and calls a refused host key a failed authentication). Honours the
   * crash-consistent fallback like a failed freeze does.
   */
  public void sshFailed(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String reason =
        ssh.loginFailure(cause, targets.user(m), targets.host(m), targets.port(m))
            + "; nothing ran on the host";
    if (crashConsistentOnFailure) {
      LOG.warn("{}: ssh failed ({}); snapshot will be crash-consistent", m.instanceId(), reason);
      m.warn("not quiesced, crash-consistent snapshot (" + reason + ")");
      return;
    }
    throw new QuiesceException(m.instanceId(), "quiesce", "ssh", reason);
  }

  public void prepareThaw(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    target(exchange, m);
    exchange
        .getMessage()
        .setBody(commands.thaw(targets.mountPoints(m), exchange.getProperty(TOKEN, String.class)));
  }

  /**
   * Exit 0: released. fsfreeze -u answers "Invalid argument" for a mount that is not frozen (the
   * dead-man got there first), which is released too.
   */
  public void checkThawed(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    int exit = exitValue(exchange);
    String stderr = stderr(exchange);
    if (exit != 0 && !stderr.contains("unfreeze failed: Invalid argument")) {
      throw new QuiesceException(m.instanceId(), "thaw", exitText(exchange, exit), stderr);
    }
    m.thawed(Instant.now());
    m.freezeAttempted(false);
    if (m.stage() == Stage.FROZEN || m.stage() == Stage.QUIESCING) {
      m.stage(Stage.SNAPSHOT_PENDING);
    }
  }

  /** All thaw attempts failed: say loudly which host and when its dead-man will release it. */
  public void thawFailed(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String text =
        "could not release the host ("
            + (cause == null ? "unknown" : cause.getMessage())
            + "); its dead-man releases it within "
            + commands.deadManSeconds()
            + " s of the freeze";
    LOG.error("{}: {}", m.instanceId(), text);
    m.warn(text);
  }

  private void target(Exchange exchange, InstanceMigration m) {
    exchange.setProperty(SSH_URI, endpointUri(targets.host(m), targets.port(m)));
    exchange.getMessage().setHeader(SshConstants.USERNAME_HEADER, targets.user(m));
  }

  /** The camel-ssh endpoint of a host with the configured key, known hosts and timeout. */
  public String endpointUri(String host, int port) {
    return "ssh:" + host + ":" + port + "?" + sshOptions;
  }

  /** camel-ssh reports a dropped connection as a reply without exit value: -1 here. */
  private static int exitValue(Exchange exchange) {
    Integer exit = exchange.getMessage().getHeader(SshConstants.EXIT_VALUE, Integer.class);
    return exit == null ? -1 : exit;
  }

  /**
   * "exit N", or for a reply without exit status what that means: the connection was lost, or the
   * command got no answer within migrator.ssh.command-timeout (the session was closed idle).
   */
  private static String exitText(Exchange exchange, int exit) {
    if (exchange.getMessage().getHeader(SshConstants.EXIT_VALUE) == null) {
      return "no exit status: connection lost or no answer within migrator.ssh.command-timeout";
    }
    return "exit " + exit;
  }

  private static String stderr(Exchange exchange) {
    String text = exchange.getMessage().getHeader(SshConstants.STDERR, String.class);
    text = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ");
    return text.isEmpty() ? "(no stderr)" : text;
  }
}
