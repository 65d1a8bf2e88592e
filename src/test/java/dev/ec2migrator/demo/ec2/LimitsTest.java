package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** AWS-like limits: copies in flight, pending snapshots per volume, request token buckets. */
class LimitsTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";

  private static String errorCode(Throwable t) {
    return ((AwsServiceException) t).awsErrorDetails().errorCode();
  }

  /** Snapshots complete at once, copies never do: the copy limit is easy to reach. */
  private static Ec2SimulatorSettings instantSnapshotsEndlessCopies() {
    return Ec2SimulatorSettings.defaults()
        .withThrottlingEnabled(false)
        .withDefaultLatency(Duration.ZERO)
        .withSnapshotDuration(0, 0)
        .withCopyDuration(1e9, 0);
  }

  private static int copyUntilRefused(
      Ec2Client target, String targetRegion, String snapshotId, int max) {
    for (int i = 0; i < max; i++) {
      try {
        target.copySnapshot(
            r ->
                r.sourceRegion(SOURCE)
                    .sourceSnapshotId(snapshotId)
                    .destinationRegion(targetRegion));
      } catch (AwsServiceException e) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceLimitExceeded");
        return i;
      }
    }
    return max;
  }

  @Test
  void the21stCopyInFlightIsRefusedPerDestinationRegion() {
    try (Ec2Simulator sim = Ec2Simulator.start(instantSnapshotsEndlessCopies());
        Ec2Client source = SimClients.client(sim, SOURCE);
        Ec2Client target = SimClients.client(sim, TARGET);
        Ec2Client other = SimClients.client(sim, "eu-west-1")) {
      SimVolume volume = sim.addFleet(SOURCE, new FleetSpec(3, 1)).get(0).volumes().get(0);
      String snap = source.createSnapshot(r -> r.volumeId(volume.volumeId())).snapshotId();

      assertThat(copyUntilRefused(target, TARGET, snap, 30)).isEqualTo(20);
      assertThat(sim.counters().errors(TARGET, "CopySnapshot")).isEqualTo(1);
      // another destination region has its own 20
      assertThat(copyUntilRefused(other, "eu-west-1", snap, 30)).isEqualTo(20);
    }
  }

  @Test
  void theCopyLimitCanBeSwitchedOff() {
    try (Ec2Simulator sim =
            Ec2Simulator.start(instantSnapshotsEndlessCopies().withMaxCopiesInFlightPerRegion(0));
        Ec2Client source = SimClients.client(sim, SOURCE);
        Ec2Client target = SimClients.client(sim, TARGET)) {
      SimVolume volume = sim.addFleet(SOURCE, new FleetSpec(3, 1)).get(0).volumes().get(0);
      String snap = source.createSnapshot(r -> r.volumeId(volume.volumeId())).snapshotId();
      assertThat(copyUntilRefused(target, TARGET, snap, 25)).isEqualTo(25);
    }
  }

  @Test
  void the6thPendingSnapshotOfAVolumeIsRefused() {
    // at the real-time scale snapshots stay pending for minutes
    try (Ec2Simulator sim =
            Ec2Simulator.start(
                Ec2SimulatorSettings.defaults()
                    .withTimeScale(1)
                    .withThrottlingEnabled(false)
                    .withDefaultLatency(Duration.ZERO));
        Ec2Client ec2 = SimClients.client(sim, SOURCE)) {
      SimInstance instance = sim.addFleet(SOURCE, new FleetSpec(3, 5)).get(4);
      String volumeId = instance.volumes().get(0).volumeId();
      for (int i = 0; i < 5; i++) {
        ec2.createSnapshot(r -> r.volumeId(volumeId));
      }
      Throwable sixth =
          catchThrowableOfType(
              AwsServiceException.class, () -> ec2.createSnapshot(r -> r.volumeId(volumeId)));
      assertThat(errorCode(sixth)).isEqualTo("ConcurrentSnapshotLimitExceeded");
      // CreateSnapshots of the whole instance is refused as a whole: nothing is created
      int before = sim.snapshots(SOURCE).size();
      Throwable multi =
          catchThrowableOfType(
              AwsServiceException.class,
              () ->
                  ec2.createSnapshots(
                      r -> r.instanceSpecification(s -> s.instanceId(instance.instanceId()))));
      assertThat(errorCode(multi)).isEqualTo("ConcurrentSnapshotLimitExceeded");
      assertThat(sim.snapshots(SOURCE)).hasSize(before);
      // other volumes are not affected
      ec2.createSnapshot(r -> r.volumeId(instance.volumes().get(1).volumeId()));
    }
  }

  @Test
  void anEmptyTokenBucketAnswersRequestLimitExceededWith503() {
    // Describe* bucket: burst 5, refill 1 per real second
    try (Ec2Simulator sim =
            Ec2Simulator.start(
                Ec2SimulatorSettings.defaults()
                    .withThrottleScale(0.1)
                    .withDefaultLatency(Duration.ZERO));
        Ec2Client ec2 = SimClients.client(sim, SOURCE);
        Ec2Client otherRegion = SimClients.client(sim, TARGET)) {
      AwsServiceException throttled = null;
      int served = 0;
      for (int i = 0; i < 50 && throttled == null; i++) {
        try {
          ec2.describeRegions();
          served++;
        } catch (AwsServiceException e) {
          throttled = e;
        }
      }
      assertThat(throttled).isNotNull();
      assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
      assertThat(throttled.statusCode()).isEqualTo(503);
      assertThat(served).isGreaterThanOrEqualTo(5);
      assertThat(sim.counters().throttled(SOURCE, "DescribeRegions")).isEqualTo(1);
      // buckets are per region and per action class
      otherRegion.describeRegions();
      SimVolume v = sim.addFleet(SOURCE, new FleetSpec(1, 1)).get(0).volumes().get(0);
      ec2.createSnapshot(r -> r.volumeId(v.volumeId()));
    }
  }

  @Test
  void sdkRetriesRecoverFromThrottling() {
    // Describe* bucket: burst 25, refill 5 per real second; each retrying call starts on a
    // drained bucket
    try (Ec2Simulator sim =
            Ec2Simulator.start(
                Ec2SimulatorSettings.defaults()
                    .withThrottleScale(0.5)
                    .withDefaultLatency(Duration.ZERO));
        Ec2Client noRetry = SimClients.client(sim, SOURCE);
        Ec2Client standard =
            SimClients.client(
                sim,
                SOURCE,
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build());
        Ec2Client adaptive =
            SimClients.client(
                sim,
                SOURCE,
                AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(10).build())) {
      drain(noRetry);
      long throttledBefore = sim.counters().throttled(SOURCE, "DescribeRegions");
      assertThat(standard.describeRegions().regions()).isNotEmpty();
      drain(noRetry);
      assertThat(adaptive.describeRegions().regions()).isNotEmpty();
      // the second drain adds exactly one throttled call; the rest are the SDK clients' retries
      assertThat(sim.counters().throttled(SOURCE, "DescribeRegions") - throttledBefore - 1)
          .isPositive();
    }
  }

  private static void drain(Ec2Client noRetry) {
    for (int i = 0; i < 200; i++) {
      try {
        noRetry.describeRegions();
      } catch (AwsServiceException e) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        return;
      }
    }
    throw new AssertionError("bucket never ran dry");
  }

  @Test
  void withLimitsDisabledNothingIsThrottled() {
    try (Ec2Simulator sim =
            Ec2Simulator.start(
                Ec2SimulatorSettings.defaults()
                    .withThrottleScale(0.01)
                    .withLimitsEnabled(false)
                    .withDefaultLatency(Duration.ZERO));
        Ec2Client ec2 = SimClients.client(sim, SOURCE)) {
      for (int i = 0; i < 20; i++) {
        ec2.describeRegions();
      }
      assertThat(sim.counters().throttled(SOURCE, "DescribeRegions")).isZero();
      assertThat(sim.counters().calls(SOURCE, "DescribeRegions")).isEqualTo(20);
      assertThat(List.of(sim.counters().mutatingCalls())).containsExactly(0L);
    }
  }
}
