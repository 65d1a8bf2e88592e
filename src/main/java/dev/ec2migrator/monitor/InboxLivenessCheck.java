package dev.ec2migrator.monitor;

import dev.ec2migrator.input.InboxGuard;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Liveness: the single inbox thread comes back. It is DOWN when one poll has lasted longer than
 * migrator.inbox.stuck-after without a run of the inbox in progress (a list held in intake: the
 * read lock, reading, validation), or when no poll has begun for that long while the route is
 * started. A run in progress holds the thread legitimately; its steps have their own timeouts.
 */
public class InboxLivenessCheck extends RouteLivenessCheck {
  static final String INBOX_ROUTE = "intake-inbox";

  private final InboxGuard guard;
  private final RunRegistry runs;
  private final Path inbox;
  private final Duration stuckAfter;

  public InboxLivenessCheck(InboxGuard guard, RunRegistry runs, Path inbox, Duration stuckAfter) {
    super("inbox-consumer", INBOX_ROUTE);
    this.guard = guard;
    this.runs = runs;
    this.inbox = inbox.toAbsolutePath().normalize();
    this.stuckAfter = stuckAfter;
  }

  @Override
  protected void check(HealthCheckResultBuilder builder, ServiceStatus status) {
    builder.detail("stuck-after", stuckAfter.toString());
    if (status == null || !status.isStarted()) {
      builder.up(); // not watched (a one-shot command) or stopped on purpose
      return;
    }
    long running = guard.pollRunningNanos();
    boolean inRun = runs.runs().stream().anyMatch(this::fromInboxInProgress);
    builder.detail("run-in-progress", inRun);
    if (running > stuckAfter.toNanos() && !inRun) {
      builder
          .message(
              "the inbox has been on one poll for "
                  + Duration.ofNanos(running).toSeconds()
                  + " s without starting a run: a list is stuck in intake")
          .down();
    } else if (running < 0 && guard.sinceLastPollNanos() > stuckAfter.toNanos()) {
      builder
          .message(
              "no inbox poll for "
                  + Duration.ofNanos(guard.sinceLastPollNanos()).toSeconds()
                  + " s")
          .down();
    } else {
      builder.up();
    }
  }

  private boolean fromInboxInProgress(MigrationRun run) {
    if (run.isFinished() || run.sourceName() == null) {
      return false;
    }
    Path parent = Path.of(run.sourceName()).toAbsolutePath().normalize().getParent();
    return inbox.equals(parent);
  }
}
