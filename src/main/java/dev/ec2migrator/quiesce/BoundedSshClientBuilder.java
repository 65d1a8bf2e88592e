package dev.ec2migrator.quiesce;

import dev.ec2migrator.ssh.HostKeyRefusal;
import dev.ec2migrator.ssh.HostKeyVerifier;
import dev.ec2migrator.ssh.KnownKeyTypesFirst;
import dev.ec2migrator.ssh.SshLoginException;
import dev.ec2migrator.ssh.SshLoginException.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The one SSH client of the application: the camel-ssh endpoints and the sessions opened with
 * {@link #openSession} all use it, with the configured identity, host-key checking and a bound on
 * the remote command.
 *
 * <p>One client: camel-ssh 4.17's producer is not a singleton, so every concurrent ssh call of a
 * {@code toD} gets a producer of its own, and each producer builds and starts an SshClient with its
 * own I/O and timer threads (about 430 live threads at parallelism 20 in the benchmark, and freeze
 * windows stretched by the start-up work). Here every producer gets the same started client; its
 * {@code stop()} is ignored and {@link #close()} stops it with the application.
 *
 * <p>Host keys: the {@link HostKeyVerifier} lives on this client (not on a camel-ssh endpoint), so
 * every session of the application is checked the same way before anything runs. The identity is
 * the configured private key only, and the operator's {@code ~/.ssh/config} is not read: what the
 * migrator does depends on its configuration alone.
 *
 * <p>The bound: camel-ssh's {@code timeout} covers connect, auth and channel open only: it then
 * waits for the exec channel to close with no limit, so a hung host (a remount stuck in D state, a
 * frozen NFS mount) would hold the instance and its thread forever. MINA's session idle timeout
 * closes a session that has seen no traffic for that long; the exec channel then closes without an
 * exit status, which {@link QuiesceStep} reports as a failed step (and the thaw path, the dead-man,
 * takes over).
 *
 * <p>Referenced from the ssh endpoints as {@code clientBuilder=#sshClientBuilder}.
 */
public class BoundedSshClientBuilder extends ClientBuilder implements AutoCloseable {
  private final Duration loginTimeout;
  private final Duration commandTimeout;
  private final Path privateKey;
  private final HostKeyVerifier hostKeys;
  private SharedSshClient shared;

  /**
   * @param loginTimeout bounds connect, key exchange and authentication of {@link #openSession}
   * @param hostKeys the known_hosts check; {@code null} only when checking is configured off
   */
  public BoundedSshClientBuilder(
      Duration loginTimeout, Duration commandTimeout, Path privateKey, HostKeyVerifier hostKeys) {
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("migrator.ssh.command-timeout must be > 0");
    }
    this.loginTimeout = loginTimeout;
    this.commandTimeout = commandTimeout;
    this.privateKey = privateKey;
    this.hostKeys = hostKeys;
    factory(SharedSshClient::new);
    serverKeyVerifier(hostKeys != null ? hostKeys : AcceptAllServerKeyVerifier.INSTANCE);
    hostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
  }

  @Override
  public synchronized SshClient build(boolean isFillWithDefaultValues) {
    if (shared == null) {
      shared = (SharedSshClient) super.build(isFillWithDefaultValues);
      CoreModuleProperties.IDLE_TIMEOUT.set(shared, commandTimeout);
      shared.setKeyIdentityProvider(new FileKeyPairProvider(privateKey));
      if (hostKeys != null) {
        shared.addSessionListener(new KnownKeyTypesFirst(hostKeys.getPath()));
      }
    }
    return shared;
  }

  /** The started shared client, for sessions that outlive one command. */
  public synchronized SshClient sshClient() {
    SshClient client = build(true);
    client.start();
    return client;
  }

  /**
   * Opens an authenticated session on the shared client, or says which step refused it (and then
   * nothing ran on the host). The caller closes the session.
   */
  public ClientSession openSession(String user, String host, int port) throws SshLoginException {
    String target = user + "@" + HostKeyRefusal.address(host, port);
    ConnectFuture connect;
    try {
      connect = sshClient().connect(user, host, port);
      connect.await(loginTimeout);
    } catch (IOException e) {
      throw connectFailed(target, e);
    }
    if (!connect.isConnected()) {
      throw connectFailed(target, connect.getException());
    }
    ClientSession session = connect.getSession();
    try {
      AuthFuture auth = session.auth();
      auth.await(loginTimeout);
      if (!auth.isSuccess()) {
        throw loginRefused(session, host, port, target, auth.getException());
      }
      return session;
    } catch (IOException e) {
      session.close(true);
      throw e instanceof SshLoginException refused
          ? refused
          : loginRefused(session, host, port, target, e);
    }
  }

  private SshLoginException loginRefused(
      ClientSession session, String host, int port, String target, Throwable cause) {
    // the session's own verdict, or (MINA may clear a closing session's attributes before the
    // failed future is seen) the verifier's verdict for this address, which a success clears
    Optional<HostKeyRefusal> refusal =
        HostKeyVerifier.refusal(session)
            .or(() -> hostKeys == null ? Optional.empty() : hostKeys.lastRefusal(host, port));
    if (refusal.isPresent()) {
      return new SshLoginException(Step.HOST_KEY, refusal.get().message(), refusal.get(), cause);
    }
    if (session.getServerKey() != null) { // the key exchange is done: the login was refused
      return new SshLoginException(Step.AUTHENTICATION, authenticationRefused(target), null, cause);
    }
    return connectFailed(target, cause);
  }

  private SshLoginException connectFailed(String target, Throwable cause) {
    return new SshLoginException(
        Step.CONNECT,
        "could not connect to "
            + target
            + " ("
            + (cause == null ? "no answer within " + loginTimeout : cause.getMessage())
            + ")",
        null,
        cause);
  }

  /**
   * What a failed camel-ssh call means, for the operator: camel-ssh reports a refused host key and
   * a refused login alike ("Failed to authenticate username null"), so the host key verdict of the
   * host comes from the verifier.
   */
  public String loginFailure(Throwable cause, String user, String host, int port) {
    Throwable root = cause;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text =
        root == null || root.getMessage() == null ? String.valueOf(root) : root.getMessage();
    String target = user + "@" + HostKeyRefusal.address(host, port);
    if (text.startsWith("Failed to authenticate")) {
      Optional<HostKeyRefusal> refusal =
          hostKeys == null ? Optional.empty() : hostKeys.lastRefusal(host, port);
      return refusal.map(HostKeyRefusal::message).orElseGet(() -> authenticationRefused(target));
    }
    return "could not connect to " + target + " (" + text + ")";
  }

  private String authenticationRefused(String target) {
    return "authentication refused for "
        + target
        + " (the host does not accept "
        + privateKey
        + ")";
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** The host-key check on this client; empty when checking is configured off. */
  public Optional<HostKeyVerifier> hostKeyVerifier() {
    return Optional.ofNullable(hostKeys);
  }

  @Override
  public synchronized void close() {
    if (shared != null) {
      shared.shutdown();
      shared = null;
    }
  }

  /** A client that outlives the producers that stop it. */
  static final class SharedSshClient extends SshClient {
    @Override
    public void stop() {
      // a camel-ssh producer stopping: the other producers still use this client
    }

    void shutdown() {
      super.stop();
    }
  }
}
