package dev.ec2migrator.demo.ssh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a simulated process reads lines from: nothing, a file's lines, or the SSH channel. */
interface ShellInput {

  /** {@code /dev/null}, and the stdin of a background job without an input redirection. */
  ShellInput NULL = new FileLines(List.of());

  /** The next line (without its newline) or null at end of file; waits through {@code process}. */
  String readLine(ShellProcess process);

  /** A file read to its end, e.g. /proc/mounts. */
  final class FileLines implements ShellInput {
    private final Deque<String> lines;

    FileLines(List<String> lines) {
      this.lines = new ArrayDeque<>(lines);
    }

    @Override
    public synchronized String readLine(ShellProcess process) {
      return lines.pollFirst();
    }
  }

  /**
   * The channel's stdin: lines as the client sends them, then end of file when the client closes
   * its side or the session goes away.
   */
  final class ChannelLines implements ShellInput {
    private final Deque<String> lines = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private boolean eof;
    private CompletableFuture<Void> changed = new CompletableFuture<>();

    synchronized void received(String text) {
      for (char c : text.toCharArray()) {
        if (c == '\n') {
          lines.add(partial.toString());
          partial.setLength(0);
        } else {
          partial.append(c);
        }
      }
      wake();
    }

    synchronized void endOfFile() {
      if (partial.length() > 0) {
        lines.add(partial.toString());
        partial.setLength(0);
      }
      eof = true;
      wake();
    }

    @Override
    public String readLine(ShellProcess process) {
      while (true) {
        CompletableFuture<Void> next;
        synchronized (this) {
          if (!lines.isEmpty()) {
            return lines.pollFirst();
          }
          if (eof) {
            return null;
          }
          next = changed;
        }
        process.await(next, false);
      }
    }

    private void wake() {
      CompletableFuture<Void> done = changed;
      changed = new CompletableFuture<>();
      done.complete(null);
    }
  }
}
