package dev.ec2migrator.demo.ssh;

import java.io.IOException;
import java.io.OutputStream;
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

  /**
   * One of the SSH channel's streams, written through as the script writes (the client sees a line
   * such as FROZEN while the script still runs). A write to a closed channel fails quietly, as a
   * write with SIGPIPE ignored does.
   */
  final class ChannelStream implements OutputSink {
    private final OutputStream stream;
    private final SimHost host;
    private final Runnable onFirstLine;
    private boolean lineSeen;

    /**
     * @param onFirstLine runs instead of writing when the first complete line is written (the
     *     connection-drop fault); null writes normally
     */
    ChannelStream(OutputStream stream, SimHost host, Runnable onFirstLine) {
      this.stream = stream;
      this.host = host;
      this.onFirstLine = onFirstLine;
    }

    @Override
    public synchronized void write(String text) {
      if (host.partitioned()) {
        return;
      }
      if (onFirstLine != null && !lineSeen && text.contains("\n")) {
        lineSeen = true;
        onFirstLine.run();
        return;
      }
      try {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
      } catch (IOException | RuntimeException e) {
        // the client went away: like EPIPE with SIGPIPE ignored, the script carries on
      }
    }

    @Override
    public boolean isChannel() {
      return true;
    }
  }
}
