package dev.ec2migrator.monitor;

import dev.ec2migrator.run.MigrationRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The progress of one run on the console while {@code migrate} runs. On a terminal, JLine's status
 * area at the bottom of the screen is redrawn in place (log warnings scroll above it); otherwise
 * (pipes, CI) one plain line is printed every interval. The figures are the progress model's.
 */
public final class ConsoleProgress implements AutoCloseable {
  private final ProgressSources sources;
  private final String runId;
  private final int copyLimit;
  private final PrintStream out;
  private final Terminal terminal;
  private final Status status;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "console-progress");
            t.setDaemon(true);
            return t;
          });

  private ConsoleProgress(
      ProgressSources sources,
      String runId,
      int copyLimit,
      PrintStream out,
      Terminal terminal,
      Status status) {
    this.sources = sources;
    this.runId = runId;
    this.copyLimit = copyLimit;
    this.out = out;
    this.terminal = terminal;
    this.status = status;
  }

  /**
   * Starts showing the run's progress: redrawn every {@code refresh} on a terminal, a plain line
   * every {@code interval} otherwise.
   */
  public static ConsoleProgress start(
      ProgressSources sources,
      String runId,
      int copyLimit,
      PrintStream out,
      Duration refresh,
      Duration interval) {
    Terminal terminal = systemTerminal();
    Status status = terminal == null ? null : Status.getStatus(terminal, true);
    if (terminal != null && status == null) {
      close(terminal); // a terminal that cannot keep a status area: plain lines
      terminal = null;
    }
    ConsoleProgress progress =
        new ConsoleProgress(sources, runId, copyLimit, out, terminal, status);
    Duration every = status != null ? refresh : interval;
    progress.timer.scheduleWithFixedDelay(
        progress::show, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return progress;
  }

  /** True when the progress is redrawn in place on a terminal. */
  public boolean live() {
    return status != null;
  }

  /** The real terminal on stdout, or null when stdout is not one (JLine falls back to dumb). */
  private static Terminal systemTerminal() {
    try {
      Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
      // no size (a pseudo-terminal nobody sized): the status area cannot be placed
      if (terminal.getType().startsWith(Terminal.TYPE_DUMB)
          || terminal.getWidth() <= 0
          || terminal.getHeight() <= 0) {
        close(terminal);
        return null;
      }
      return terminal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal", e);
    }
  }

  private void show() {
    MigrationRun run = sources.registry().run(runId);
    if (run == null) {
      return; // not opened yet: the list is still being read
    }
    ProgressFigures f = ProgressFigures.of(runId, List.of(run), sources, false, Instant.now());
    if (status != null) {
      int width = terminal.getWidth();
      status.update(
          ProgressView.lines(f, copyLimit).stream()
              .map(line -> new AttributedString(line).columnSubSequence(0, width))
              .toList());
    } else if (!run.isFinished()) {
      out.println(ProgressView.plainLine(f, copyLimit));
    }
  }

  /** Stops the updates and takes the status area off the screen (the summary follows). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (status != null) {
      status.update(List.of());
      status.close();
      MigrationRun run = sources.registry().run(runId);
      if (run != null) { // the final figures stay in the scrollback above the summary
        ProgressFigures f = ProgressFigures.of(runId, List.of(run), sources, false, Instant.now());
        ProgressView.lines(f, copyLimit).forEach(terminal.writer()::println);
      }
    }
    if (terminal != null) {
      terminal.flush();
      close(terminal);
    }
  }

  private static void close(Terminal terminal) {
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the terminal", e);
    }
  }
}
