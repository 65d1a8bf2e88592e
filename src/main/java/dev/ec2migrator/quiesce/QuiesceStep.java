package dev.ec2migrator.quiesce;

import dev.ec2migrator.model.InstanceMigration;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quiesce steps of the per-instance route: {@link #freeze} opens the host's quiesce session and
 * waits until it is quiesced, {@link #thaw} (the route's finally path) tells it to release. A
 * failed freeze fails the instance unless the configured fallback is a crash-consistent snapshot.
 */
public class QuiesceStep {
  private static final Logger LOG = LoggerFactory.getLogger(QuiesceStep.class);
  public static final String SESSION = "migratorQuiesceSession";

  private final SshTargets targets;
  private final QuiesceSessions sessions;
  private final QuiesceScript script;
  private final QuiesceModes modes;
  private final HookGroups hooks;
  private final boolean crashConsistentOnFailure;
  private final Duration commandTimeout;

  public QuiesceStep(
      SshTargets targets,
      QuiesceSessions sessions,
      QuiesceScript script,
      QuiesceModes modes,
      HookGroups hooks,
      boolean crashConsistentOnFailure,
      Duration commandTimeout) {
    this.targets = targets;
    this.sessions = sessions;
    this.script = script;
    this.modes = modes;
    this.hooks = hooks;
    this.crashConsistentOnFailure = crashConsistentOnFailure;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Starts the host's script and waits (at most migrator.ssh.command-timeout) until it says FROZEN.
   * On any other outcome the session is closed (which also releases whatever the script had
   * quiesced) and the instance fails, or goes on crash-consistent when so configured.
   */
  public void freeze(Exchange exchange) throws InterruptedException {
    InstanceMigration m = InstanceMigration.of(exchange);
    HookGroups.Group group = hooks.of(m);
    String text = script.script(modes.of(m), targets.mountPoints(m), group.pre(), group.post());
    m.quiescing();
    QuiesceSession session;
    try {
      session = sessions.open(targets.user(m), targets.host(m), targets.port(m), text);
    } catch (QuiesceSessions.SshFailure e) {
      // the message names the target and the step that refused (connect, host key, login)
      notQuiesced(m, "ssh", e.getMessage() + "; nothing ran on the host");
      return;
    }
    m.freezeAttempted(true);
    boolean frozen;
    try {
      frozen = session.awaitFrozen(commandTimeout);
    } catch (TimeoutException e) {
      release(session, m);
      notQuiesced(m, "no answer within migrator.ssh.command-timeout", "(session closed)");
      return;
    }
    if (frozen) {
      exchange.setProperty(SESSION, session);
      m.frozen(Instant.now());
      return;
    }
    release(session, m);
    notQuiesced(m, exitText(session.exitStatus()), stderr(session));
  }

  /**
   * Tells the host to release and waits for it. Never throws: a host that cannot be told (the
   * session is gone) releases itself, at once when it sees the session end, else when its dead-man
   * runs out; the instance's row says so.
   */
  public void thaw(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    QuiesceSession session = exchange.getProperty(SESSION, QuiesceSession.class);
    if (session == null) {
      return;
    }
    exchange.removeProperty(SESSION);
    try {
      boolean released = session.thaw(commandTimeout);
      String stderr = session.stderr();
      if (stderr.contains(QuiesceScript.DEAD_MAN_FIRED)) {
        warn(
            m,
            "the host's dead-man released it before the thaw ("
                + script.deadManSeconds()
                + " s after the freeze): the snapshot is crash-consistent if CreateSnapshots"
                + " returned later");
      }
      if (stderr.contains(Hooks.POST_HOOK_FAILED)) {
        warn(m, "released, but a post-hook failed: " + stderr);
      }
      if (!released) {
        warn(
            m, "the release was not confirmed (" + exitText(session.exitStatus()) + "): " + stderr);
      }
    } catch (IOException | RuntimeException e) {
      warn(
          m,
          "could not release the host ("
              + e.getMessage()
              + "); it releases itself when it sees the session end, at the latest by its"
              + " dead-man "
              + script.deadManSeconds()
              + " s after the freeze");
    } finally {
      release(session, m);
    }
  }

  private void release(QuiesceSession session, InstanceMigration m) {
    session.close();
    m.hostReleased(Instant.now());
    m.freezeAttempted(false);
  }

  private void notQuiesced(InstanceMigration m, String code, String detail) {
    if (crashConsistentOnFailure) {
      String reason = code + ": " + detail;
      LOG.warn(
          "{}: quiesce failed ({}); snapshot will be crash-consistent", m.instanceId(), reason);
      m.warn("not quiesced, crash-consistent snapshot (" + reason + ")");
      return;
    }
    throw new QuiesceException(m.instanceId(), "quiesce", code, detail);
  }

  private static void warn(InstanceMigration m, String text) {
    LOG.warn("{}: {}", m.instanceId(), text);
    m.warn(text);
  }

  /** "exit N", or what a session that ended without an exit status means. */
  private static String exitText(Integer exit) {
    return exit == null
        ? "no exit status: connection lost or no answer within migrator.ssh.command-timeout"
        : "exit " + exit;
  }

  private static String stderr(QuiesceSession session) {
    String text = session.stderr();
    return text.isEmpty() ? "(no stderr)" : text;
  }
}
