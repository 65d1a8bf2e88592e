package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ec2migrator.demo.ec2.FaultInjector;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With many retry attempts configured, a step that AWS throttles again and again is retried at a
 * bounded pace ({@code migrator.retry.max-delay}): the doubled delay must not grow into waits of a
 * minute and more between tries (Camel's own ceiling), which left runs idle for minutes once {@code
 * migrator.retry.attempts} was raised. EC2 throttles RegisterImage 14 times in a row here; the
 * doubling alone from 20 ms would wait 20 ms * (2^12 - 1) + 2 * 60 s, over three minutes. And a
 * retried preflight does not spend the mutating bucket again on what it already asked.
 */
class ManyRetriesDoNotParkTheRunTest extends FaultTestSupport {
  private static final int THROTTLED_ANSWERS = 14;

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.demo.time-scale", "20000",
        "migrator.retry.attempts", "40",
        "migrator.retry.delay", "20",
        "migrator.retry.max-delay", "400",
        // one call per try: the route's retries are what is under test
        "migrator.sdk.max-attempts", "1");
  }

  @Test
  void aStepThrottledManyTimesIsRetriedAtABoundedPace() {
    SimInstance instance = running().get(0);
    FaultInjector faults = world().ec2().faults();
    faults.errorRate("RegisterImage", 1.0, "RequestLimitExceeded", 503);
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(
        () -> {
          if (world().ec2().counters().throttled(TARGET, "RegisterImage") >= THROTTLED_ANSWERS) {
            faults.errorRate("RegisterImage", 0, "RequestLimitExceeded", 503);
          }
        },
        10,
        10,
        TimeUnit.MILLISECONDS);
    try {
      MigrationRun run =
          assertTimeoutPreemptively(
              Duration.ofSeconds(90),
              () ->
                  migrateLines(
                      "throttled-register.csv",
                      "instance_id,quiesce_mode",
                      instance.instanceId() + ",none"));

      InstanceMigration m = migration(run, instance.instanceId());
      assertThat(m.stage()).as(String.valueOf(m.error())).isEqualTo(Stage.DONE);
      assertThat(world().ec2().counters().throttled(TARGET, "RegisterImage"))
          .as("RegisterImage was refused that many times, then made")
          .isGreaterThanOrEqualTo(THROTTLED_ANSWERS);
      assertThat(m.imageId()).startsWith("ami-");
    } finally {
      watcher.shutdownNow();
      faults.clear();
    }
  }

  /**
   * A preflight check that cannot look (DescribeInstanceTypeOfferings throttled) makes the route
   * retry the whole preflight; the DryRun answers already had are kept, so each retry spends no
   * mutating-bucket token on them again.
   */
  @Test
  void aRetriedPreflightAsksOnlyWhatItHasNoAnswerForYet() {
    SimInstance instance = running().get(1);
    FaultInjector faults = world().ec2().faults();
    var counters = world().ec2().counters();
    long offeringsThrottledBefore = counters.throttled(TARGET, "DescribeInstanceTypeOfferings");
    long copyDryRunsBefore = counters.dryRuns(TARGET, "CopySnapshot");
    long snapshotDryRunsBefore = counters.dryRuns(SOURCE, "CreateSnapshots");
    faults.errorRate("DescribeInstanceTypeOfferings", 1.0, "RequestLimitExceeded", 503);
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(
        () -> {
          if (counters.throttled(TARGET, "DescribeInstanceTypeOfferings") - offeringsThrottledBefore
              >= 5) {
            faults.errorRate("DescribeInstanceTypeOfferings", 0, "RequestLimitExceeded", 503);
          }
        },
        10,
        10,
        TimeUnit.MILLISECONDS);
    try {
      MigrationRun run =
          migrateLines(
              "throttled-offerings.csv",
              "instance_id,quiesce_mode",
              instance.instanceId() + ",none");

      InstanceMigration m = migration(run, instance.instanceId());
      assertThat(m.stage()).as(String.valueOf(m.error())).isEqualTo(Stage.DONE);
      assertThat(counters.throttled(TARGET, "DescribeInstanceTypeOfferings"))
          .as("the preflight was retried")
          .isGreaterThanOrEqualTo(offeringsThrottledBefore + 5);
      assertThat(counters.dryRuns(TARGET, "CopySnapshot") - copyDryRunsBefore)
          .as("CopySnapshot asked once")
          .isEqualTo(1);
      assertThat(counters.dryRuns(SOURCE, "CreateSnapshots") - snapshotDryRunsBefore)
          .as("CreateSnapshots asked once")
          .isEqualTo(1);
    } finally {
      watcher.shutdownNow();
      faults.clear();
    }
  }
}
