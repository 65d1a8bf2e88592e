package dev.ec2migrator.sim.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Where a command's stdout or stderr goes. */
interface OutputSink {

  /** {@code /dev/null} and any other file (file contents are not simulated). */
  OutputSink DISCARD =
      new OutputSink() {
        @Override
        public void write(String text) {}

        @Override
        public boolean isChannel() {
          return false;
        }
      };

  void write(String text);

  /**
   * True for the SSH channel's own streams: like sshd, the channel stays open while a background
   * job still holds one of them.
   */
  boolean isChannel();

  /** Collects what a command line writes to one of the SSH channel's streams. */
  final class ChannelBuffer implements OutputSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(String text) {
      bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isChannel() {
      return true;
    }

    synchronized byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
