package dev.ec2migrator.quiesce;

import java.time.Duration;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH client of the camel-ssh endpoints, with a bound on the remote command. camel-ssh 4.17's
 * {@code timeout} covers connect, auth and channel open only: it then waits for the exec channel to
 * close with no limit, so a hung host (a remount stuck in D state, a frozen NFS mount) would hold
 * the instance and its thread forever. MINA's session idle timeout closes a session that has seen
 * no traffic for that long; the exec channel then closes without an exit status, which {@link
 * QuiesceStep} reports as a failed step (and the thaw path, the dead-man, takes over).
 *
 * <p>Referenced from the ssh endpoints as {@code clientBuilder=#sshClientBuilder}.
 */
public class BoundedSshClientBuilder extends ClientBuilder {
  private final Duration commandTimeout;

  public BoundedSshClientBuilder(Duration commandTimeout) {
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("migrator.ssh.command-timeout must be > 0");
    }
    this.commandTimeout = commandTimeout;
  }

  @Override
  public SshClient build(boolean isFillWithDefaultValues) {
    SshClient client = super.build(isFillWithDefaultValues);
    CoreModuleProperties.IDLE_TIMEOUT.set(client, commandTimeout);
    return client;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }
}
