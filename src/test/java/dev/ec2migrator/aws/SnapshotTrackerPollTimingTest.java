package dev.ec2migrator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When a waiting instance looks again: just after the next poll has answered. A wait that falls
 * while a poll is under way (its answer and the copy slots it gives back still to come) looks again
 * just after that poll, not a whole interval later. No run is active here, so a poll asks AWS
 * nothing.
 */
class SnapshotTrackerPollTimingTest {
  private static final long INTERVAL_MS = 10_000;
  private final SnapshotTracker tracker =
      new SnapshotTracker(null, Duration.ofHours(1), Duration.ofHours(1), INTERVAL_MS);

  @Test
  void aLookDuringAPollComesJustAfterItsAnswer() {
    tracker.refresh();
    assertThat(tracker.untilNextPoll()).as("the poll under way").isLessThan(INTERVAL_MS / 10);
    tracker.answered();
    assertThat(tracker.untilNextPoll())
        .as("answered: the next poll")
        .isGreaterThan(INTERVAL_MS * 9 / 10)
        .isLessThanOrEqualTo(INTERVAL_MS + 50);
  }
}
