package dev.ec2migrator.quiesce;

import dev.ec2migrator.ssh.SshLoginException;
import java.io.IOException;
import java.time.Duration;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens the SSH sessions that hold a host quiesced, on the one shared MINA client of {@link
 * BoundedSshClientBuilder} (its identity and host-key check; camel-ssh stays for one-shot commands,
 * a held session with stdin needs the client itself).
 */
public class QuiesceSessions {
  private final BoundedSshClientBuilder clients;
  private final Duration holdLimit;

  /**
   * @param holdLimit how long a held session may stay silent before the client closes it (the
   *     dead-man plus the command timeout: by then the host has released itself anyway)
   */
  public QuiesceSessions(BoundedSshClientBuilder clients, Duration holdLimit) {
    this.clients = clients;
    this.holdLimit = holdLimit;
  }

  /**
   * Logs in (host key checked first) and starts {@code script}.
   *
   * @throws SshFailure nothing ran on the host (the message says why)
   */
  public QuiesceSession open(String user, String host, int port, String script) {
    ClientSession session;
    try {
      session = clients.openSession(user, host, port);
    } catch (SshLoginException e) {
      throw new SshFailure(e.getMessage(), e);
    }
    try {
      // a held session is silent while the host is quiesced: the client-wide bound is the
      // command timeout, this session's is the dead-man's (the host is released by then)
      CoreModuleProperties.IDLE_TIMEOUT.set(session, holdLimit);
      return new QuiesceSession(session, script, clients.commandTimeout());
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw new SshFailure("could not start the quiesce script (" + e.getMessage() + ")", e);
    }
  }

  /** The session could not be set up: nothing ran on the host. */
  public static final class SshFailure extends RuntimeException {
    public SshFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
