package dev.ec2migrator.quiesce;

import java.time.Duration;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH client of the camel-ssh endpoints: one client for all of them, with a bound on the remote
 * command.
 *
 * <p>One client: camel-ssh 4.17's producer is not a singleton, so every concurrent ssh call of a
 * {@code toD} gets a producer of its own, and each producer builds and starts an SshClient with its
 * own I/O and timer threads (about 430 live threads at parallelism 20 in the benchmark, and freeze
 * windows stretched by the start-up work). Here every producer gets the same started client; its
 * {@code stop()} is ignored and {@link #close()} stops it with the application.
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
  private final Duration commandTimeout;
  private SharedSshClient shared;

  public BoundedSshClientBuilder(Duration commandTimeout) {
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("migrator.ssh.command-timeout must be > 0");
    }
    this.commandTimeout = commandTimeout;
    factory(SharedSshClient::new);
  }

  @Override
  public synchronized SshClient build(boolean isFillWithDefaultValues) {
    if (shared == null) {
      shared = (SharedSshClient) super.build(isFillWithDefaultValues);
      CoreModuleProperties.IDLE_TIMEOUT.set(shared, commandTimeout);
    }
    return shared;
  }

  /** The shared client, started (the held quiesce sessions use it directly). */
  public synchronized SshClient started() {
    SshClient client = build(true);
    if (!client.isStarted()) {
      client.start();
    }
    return client;
  }

  public Duration commandTimeout() {
    return commandTimeout;
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
