package dev.ec2migrator.ssh;

import java.io.IOException;
import java.util.Optional;

/**
 * An SSH session that could not be opened: nothing ran on the host. Says which step refused it, so
 * a refused host key never reads as a refused login.
 */
public class SshLoginException extends IOException {
  public enum Step {
    CONNECT,
    HOST_KEY,
    AUTHENTICATION
  }

  private final Step step;
  private final transient HostKeyRefusal refusal;

  public SshLoginException(Step step, String message, HostKeyRefusal refusal, Throwable cause) {
    super(message, cause);
    this.step = step;
    this.refusal = refusal;
  }

  public Step step() {
    return step;
  }

  public Optional<HostKeyRefusal> hostKeyRefusal() {
    return Optional.ofNullable(refusal);
  }
}
