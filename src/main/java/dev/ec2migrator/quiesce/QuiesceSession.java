package dev.ec2migrator.quiesce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * One host held quiesced by its {@link QuiesceScript} in one SSH session: {@link #awaitFrozen}
 * until the script says {@value QuiesceScript#FROZEN} (or ends), {@link #thaw} writes the line that
 * releases it and waits for {@value QuiesceScript#THAWED} and the exit status. {@link #close} drops
 * the session, which releases the host too (the script sees EOF).
 */
public final class QuiesceSession implements AutoCloseable {

  private final ClientSession session;
  private final ChannelExec channel;
  private final Lines stdout = new Lines();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final CompletableFuture<Boolean> frozen = new CompletableFuture<>();

  QuiesceSession(ClientSession session, String script, Duration openTimeout) throws IOException {
    this.session = session;
    this.channel = session.createExecChannel(script);
    channel.setOut(stdout);
    channel.setErr(new Synchronized(stderr));
    channel.addCloseFutureListener(closed -> frozen.complete(false));
    channel.open().verify(openTimeout);
  }

  /**
   * True once the host printed FROZEN; false if the script ended without it (refused, a freeze
   * failed: see {@link #exitStatus()} and {@link #stderr()}).
   *
   * @throws TimeoutException nothing within {@code timeout}
   */
  public boolean awaitFrozen(Duration timeout) throws TimeoutException, InterruptedException {
    try {
      return frozen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return false;
    }
  }

  /**
   * Writes the thaw line and waits for the script to end.
   *
   * @return true if the host said THAWED and exited 0
   * @throws IOException the session is gone (the host released itself when it saw the session end;
   *     a partitioned host waits for its dead-man)
   */
  public boolean thaw(Duration timeout) throws IOException {
    if (!channel.isClosed()) {
      OutputStream in = channel.getInvertedIn();
      in.write("thaw\n".getBytes(StandardCharsets.US_ASCII));
      in.flush();
    }
    Set<ClientChannelEvent> events =
        channel.waitFor(
            EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), timeout);
    if (events.contains(ClientChannelEvent.TIMEOUT)) {
      throw new IOException("no answer within migrator.ssh.command-timeout");
    }
    return stdout.saw(QuiesceScript.THAWED) && Integer.valueOf(0).equals(exitStatus());
  }

  /** True if the script said THAWED (it released every mount it had quiesced). */
  public boolean thawed() {
    return stdout.saw(QuiesceScript.THAWED);
  }

  /** The script's exit status, null while it runs or if the session ended without one. */
  public Integer exitStatus() {
    return channel.getExitStatus();
  }

  /** What the script wrote on stderr, lines joined with " | ". */
  public String stderr() {
    String text;
    synchronized (stderr) {
      text = stderr.toString(StandardCharsets.UTF_8);
    }
    return text.strip().replaceAll("\\s*\\R\\s*", " | ");
  }

  @Override
  public void close() {
    session.close(true);
  }

  /** stdout, scanned line by line for FROZEN and THAWED. */
  private final class Lines extends OutputStream {
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder all = new StringBuilder();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        String text = line.toString().strip();
        all.append(text).append('\n');
        line.setLength(0);
        if (text.equals(QuiesceScript.FROZEN)) {
          frozen.complete(true);
        }
      } else {
        line.append((char) b);
      }
    }

    synchronized boolean saw(String marker) {
      return all.toString().lines().anyMatch(marker::equals);
    }
  }

  /** A stream the channel's I/O thread writes while another thread reads it. */
  private static final class Synchronized extends OutputStream {
    private final ByteArrayOutputStream target;

    Synchronized(ByteArrayOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      synchronized (target) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (target) {
        target.write(b, off, len);
      }
    }
  }
}
