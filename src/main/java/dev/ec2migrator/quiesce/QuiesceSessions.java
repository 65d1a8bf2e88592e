package dev.ec2migrator.quiesce;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens the SSH sessions that hold a host quiesced, on the shared MINA client of {@link
 * BoundedSshClientBuilder} (camel-ssh stays for one-shot commands; a held session with stdin needs
 * the client itself). The host key is checked against the known_hosts file before the session
 * authenticates, so nothing runs on a host whose key is unknown or changed.
 */
public class QuiesceSessions {
  private final BoundedSshClientBuilder clients;
  private final Path privateKey;
  private final ServerKeyVerifier knownHosts;
  private final Duration connectTimeout;
  private final Duration holdLimit;

  /**
   * @param knownHostsFile null: no host-key checking (only for the demo world's own simulator)
   * @param holdLimit how long a held session may stay silent before the client closes it (the
   *     dead-man plus the command timeout: by then the host has released itself anyway)
   */
  public QuiesceSessions(
      BoundedSshClientBuilder clients,
      Path privateKey,
      Path knownHostsFile,
      Duration connectTimeout,
      Duration holdLimit) {
    this.clients = clients;
    this.privateKey = privateKey;
    this.knownHosts =
        knownHostsFile == null
            ? null
            : new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHostsFile);
    this.connectTimeout = connectTimeout;
    this.holdLimit = holdLimit;
  }

  /**
   * Connects, checks the host key, authenticates and starts {@code script}.
   *
   * @throws SshFailure nothing ran on the host (the message says why)
   */
  public QuiesceSession open(String user, String host, int port, String script) {
    ClientSession session;
    try {
      session = clients.started().connect(user, host, port).verify(connectTimeout).getSession();
    } catch (IOException | RuntimeException e) {
      throw new SshFailure("could not connect (" + rootMessage(e) + ")", e);
    }
    try {
      CoreModuleProperties.IDLE_TIMEOUT.set(session, holdLimit);
      Set<ClientSessionEvent> state =
          session.waitFor(
              EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), connectTimeout);
      if (!state.contains(ClientSessionEvent.WAIT_AUTH)) {
        throw new SshFailure("no key exchange within migrator.ssh.timeout", null);
      }
      if (knownHosts != null && !hostKeyKnown(session)) {
        throw new SshFailure(
            "the host key is unknown or changed (strict known_hosts): refused before login", null);
      }
      for (KeyPair key : new FileKeyPairProvider(privateKey).loadKeys(null)) {
        session.addPublicKeyIdentity(key);
      }
      try {
        session.auth().verify(connectTimeout);
      } catch (IOException | RuntimeException e) {
        throw new SshFailure("authentication refused (" + rootMessage(e) + ")", e);
      }
      return new QuiesceSession(session, script, connectTimeout);
    } catch (SshFailure e) {
      session.close(true);
      throw e;
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw new SshFailure("could not open the session (" + rootMessage(e) + ")", e);
    }
  }

  private boolean hostKeyKnown(ClientSession session) {
    SocketAddress remote = session.getConnectAddress();
    return knownHosts.verifyServerKey(session, remote, session.getServerKey());
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The session could not be set up: nothing ran on the host. */
  public static final class SshFailure extends RuntimeException {
    public SshFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
