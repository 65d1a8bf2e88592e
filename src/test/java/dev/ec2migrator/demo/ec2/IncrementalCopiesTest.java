package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ec2migrator.demo.kms.DemoKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * Changed data and incremental snapshots and copies, over the real SDK: a host changes 1 % of its
 * 100 GiB volume per simulated hour while it runs (1 GiB/h); at 36,000 simulated seconds per real
 * second that is 10 GiB per real second. Expected data is computed from the snapshots' own creation
 * instants, so it is exact whatever the machine's load.
 */
class IncrementalCopiesTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final double SCALE = 36_000;
  private static final int SIZE = 100;
  private static final double GIB_PER_HOUR = 1;
  private static final double EPS = 1e-6;

  private Ec2Simulator sim;
  private Ec2Client source;
  private Ec2Client target;
  private SimVolume volume;
  private String instanceId;

  @BeforeEach
  void start() {
    // full snapshot of 100 GiB = 1800 + 100 x 150 s = 0.47 real s; full copy 31,800 s = 0.88 s
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withTimeScale(SCALE)
                .withSnapshotDuration(1800, 150)
                .withCopyDuration(1800, 300)
                .withThrottlingEnabled(false) // the polls watch every 10 ms
                .withDefaultLatency(Duration.ZERO));
    source = SimClients.client(sim, SOURCE);
    target = SimClients.client(sim, TARGET);
    // instance 0 of a generated fleet is always running
    SimInstance instance =
        sim.addFleet(
                SOURCE,
                new FleetSpec(21, 1, 1)
                    .withChangeRatePerHour(new ValueRange(0.01, 0.01))
                    .withVolumeSizeGib(new ValueRange(SIZE, SIZE)))
            .get(0);
    assertThat(instance.state()).isEqualTo("running");
    instanceId = instance.instanceId();
    volume = instance.volumes().get(0);
    assertThat(volume.sizeGib()).isEqualTo(SIZE);
    assertThat(volume.changedGibPerHour()).isEqualTo(GIB_PER_HOUR);
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
    sim.close();
  }

  @Test
  void aSecondSnapshotAndCopyCarryOnlyWhatChanged() throws Exception {
    SimSnapshot first = snapshot();
    assertThat(first.dataGib()).isEqualTo(SIZE);
    assertThat(first.incremental()).isFalse();
    SimSnapshot firstCopy = copy(first, null);
    assertThat(firstCopy.dataGib()).isEqualTo(SIZE);
    assertThat(firstCopy.incremental()).isFalse();

    SimSnapshot second = snapshot();
    double changed = changedBetween(first.createdAt(), second.createdAt());
    assertThat(changed).isBetween(1.0, SIZE - 1.0);
    assertThat(second.dataGib()).isCloseTo(changed, within(EPS));
    assertThat(second.incremental()).isTrue();
    SimSnapshot secondCopy = copy(second, null);
    assertThat(secondCopy.incremental()).isTrue();
    assertThat(secondCopy.dataGib()).isCloseTo(changed, within(EPS));

    Ec2Counters c = sim.counters();
    assertThat(c.snapshotGib(SOURCE)).isCloseTo(SIZE + changed, within(EPS));
    assertThat(c.snapshotGib(SOURCE, volume.volumeId())).isCloseTo(SIZE + changed, within(EPS));
    assertThat(c.fullSnapshots(SOURCE)).isEqualTo(1);
    assertThat(c.incrementalSnapshots(SOURCE)).isEqualTo(1);
    assertThat(c.copyGib(TARGET)).isCloseTo(SIZE + changed, within(EPS));
    assertThat(c.copyGib(TARGET, volume.volumeId())).isCloseTo(SIZE + changed, within(EPS));
    assertThat(c.fullCopies(TARGET)).isEqualTo(1);
    assertThat(c.incrementalCopies(TARGET)).isEqualTo(1);
    assertThat(c.copyGib(SOURCE)).isZero();
  }

  @Test
  void aCopyWhosePreviousCopyWasDeletedIsFull() throws Exception {
    SimSnapshot first = snapshot();
    SimSnapshot firstCopy = copy(first, null);
    target.deleteSnapshot(r -> r.snapshotId(firstCopy.snapshotId()));
    SimSnapshot second = snapshot();
    assertThat(second.incremental()).isTrue();
    SimSnapshot secondCopy = copy(second, null);
    assertThat(secondCopy.incremental()).isFalse();
    assertThat(secondCopy.dataGib()).isEqualTo(SIZE);
    assertThat(sim.counters().fullCopies(TARGET)).isEqualTo(2);
    assertThat(sim.counters().incrementalCopies(TARGET)).isZero();
  }

  @Test
  void deletedSourceSnapshotsKeepTheChainAndTheCopiesIncremental() throws Exception {
    SimSnapshot first = snapshot();
    copy(first, null);
    SimSnapshot second = snapshot();
    source.deleteSnapshot(r -> r.snapshotId(second.snapshotId()));
    // the intermediate one is gone: the third stores the changes since the first
    SimSnapshot third = snapshot();
    assertThat(third.dataGib())
        .isCloseTo(changedBetween(first.createdAt(), third.createdAt()), within(EPS));
    // the copy of the first is still in the target region: incremental though its source is gone
    source.deleteSnapshot(r -> r.snapshotId(first.snapshotId()));
    SimSnapshot thirdCopy = copy(third, null);
    assertThat(thirdCopy.incremental()).isTrue();
    assertThat(thirdCopy.dataGib()).isEqualTo(third.dataGib());
    // no snapshot of the volume left: the next one stores the whole volume again
    source.deleteSnapshot(r -> r.snapshotId(third.snapshotId()));
    SimSnapshot fourth = snapshot();
    assertThat(fourth.incremental()).isFalse();
    assertThat(fourth.dataGib()).isEqualTo(SIZE);
  }

  @Test
  void aCopyWithAnotherKeyThanThePreviousCopyIsFull() throws Exception {
    SimSnapshot first = snapshot();
    SimSnapshot firstCopy = copy(first, "alias/migration");
    assertThat(firstCopy.incremental()).isFalse();
    // the same key named by its ARN is the same key
    String migrationArn = DemoKeys.arn(sim.settings().ownerId(), TARGET, "alias/migration");
    SimSnapshot second = snapshot();
    SimSnapshot secondCopy = copy(second, migrationArn);
    assertThat(secondCopy.incremental()).isTrue();
    assertThat(secondCopy.dataGib()).isCloseTo(second.dataGib(), within(EPS));
    SimSnapshot third = snapshot();
    SimSnapshot thirdCopy = copy(third, "alias/aws/ebs");
    assertThat(thirdCopy.incremental()).isFalse();
    assertThat(thirdCopy.dataGib()).isEqualTo(SIZE);
    // an unencrypted copy after encrypted ones: another key again
    SimSnapshot fourth = snapshot();
    assertThat(copy(fourth, null).incremental()).isFalse();
    assertThat(sim.counters().fullCopies(TARGET)).isEqualTo(3);
    assertThat(sim.counters().incrementalCopies(TARGET)).isEqualTo(1);
  }

  @Test
  void aKeyTheDestinationDoesNotHaveIsAcceptedAndTheCopyFails() throws Exception {
    SimSnapshot first = snapshot();
    // a KMS key lives in one region: the source region's key does not exist in the target
    String sourceKey = DemoKeys.arn(sim.settings().ownerId(), SOURCE, "alias/migration");
    for (String key : List.of(sourceKey, "alias/no-such-key", "alias/retired")) {
      String copyId =
          target
              .copySnapshot(
                  r ->
                      r.sourceRegion(SOURCE)
                          .sourceSnapshotId(first.snapshotId())
                          .destinationRegion(TARGET)
                          .encrypted(true)
                          .kmsKeyId(key))
              .snapshotId();
      Snapshot failed = waitUntilDone(target, copyId, new ArrayList<>());
      assertThat(failed.stateAsString()).as(key).isEqualTo("error");
      assertThat(failed.stateMessage()).isEqualTo("Given key ID is not accessible");
    }
    assertThat(sim.counters().fullCopies(TARGET) + sim.counters().incrementalCopies(TARGET))
        .isZero();
    assertThat(sim.counters().copyGib(TARGET)).isZero();
    // a failed copy is no base for an incremental one
    assertThat(copy(first, "alias/migration").incremental()).isFalse();
  }

  @Test
  void aStoppedHostChangesNothing() throws Exception {
    SimSnapshot first = snapshot();
    source.stopInstances(r -> r.instanceIds(instanceId));
    Thread.sleep(300);
    SimSnapshot whileStopped = snapshot();
    Instant stoppedAt = powerEvent("StopInstances");
    assertThat(whileStopped.dataGib())
        .isCloseTo(changedBetween(first.createdAt(), stoppedAt), within(EPS));
    Thread.sleep(300);
    SimSnapshot stillStopped = snapshot();
    assertThat(stillStopped.dataGib()).isZero();
    assertThat(stillStopped.incremental()).isTrue();
    source.startInstances(r -> r.instanceIds(instanceId));
    Thread.sleep(100);
    SimSnapshot running = snapshot();
    assertThat(running.dataGib())
        .isCloseTo(changedBetween(powerEvent("StartInstances"), running.createdAt()), within(EPS));
  }

  @Test
  void durationsFollowTheDataCarried() throws Exception {
    Timed full = timedSnapshot();
    assertThat(full.snapshot().dataGib()).isEqualTo(SIZE);
    Timed fullCopy = timedCopy(full.snapshot());
    Timed incremental = timedSnapshot();
    Timed incrementalCopy = timedCopy(incremental.snapshot());
    double changed = incremental.snapshot().dataGib();
    assertThat(incrementalCopy.snapshot().dataGib()).isCloseTo(changed, within(EPS));

    Ec2SimulatorSettings s = sim.settings();
    full.follows(s.snapshotDurationCarrying(SIZE));
    fullCopy.follows(s.copyDurationCarrying(SIZE));
    incremental.follows(s.snapshotDurationCarrying(changed));
    incrementalCopy.follows(s.copyDurationCarrying(changed));
    // the int-size durations the bench's lower bound reads are the full ones
    assertThat(s.snapshotDuration(SIZE)).isEqualTo(s.snapshotDurationCarrying(SIZE));
    assertThat(s.copyDuration(SIZE)).isEqualTo(s.copyDurationCarrying(SIZE));
    assertThat(s.copyDurationCarrying(changed)).isLessThan(s.copyDuration(SIZE));
  }

  /** GiB the test volume's host changes while running between two instants. */
  private static double changedBetween(Instant from, Instant to) {
    double simulatedHours = Duration.between(from, to).toNanos() / 1e9 * SCALE / 3600;
    return Math.min(SIZE, GIB_PER_HOUR * simulatedHours);
  }

  private Instant powerEvent(String action) {
    return sim.powerEvents(SOURCE).stream()
        .filter(e -> e.action().equals(action))
        .reduce((a, b) -> b)
        .orElseThrow()
        .at();
  }

  /** Snapshots the volume and waits until the snapshot is completed. */
  private SimSnapshot snapshot() throws InterruptedException {
    return timedSnapshot().snapshot();
  }

  /** Copies into the target region (encrypted with {@code kmsKeyId} if set), waits, completed. */
  private SimSnapshot copy(SimSnapshot of, String kmsKeyId) throws InterruptedException {
    return timedCopy(of, kmsKeyId).snapshot();
  }

  private Timed timedSnapshot() throws InterruptedException {
    long before = System.nanoTime();
    String id = source.createSnapshot(r -> r.volumeId(volume.volumeId())).snapshotId();
    long after = System.nanoTime();
    return timed(source, SOURCE, id, before, after);
  }

  private Timed timedCopy(SimSnapshot of) throws InterruptedException {
    return timedCopy(of, null);
  }

  private Timed timedCopy(SimSnapshot of, String kmsKeyId) throws InterruptedException {
    long before = System.nanoTime();
    String id =
        target
            .copySnapshot(
                r -> {
                  r.sourceRegion(SOURCE)
                      .sourceSnapshotId(of.snapshotId())
                      .destinationRegion(TARGET);
                  if (kmsKeyId != null) {
                    r.encrypted(true).kmsKeyId(kmsKeyId);
                  }
                })
            .snapshotId();
    long after = System.nanoTime();
    return timed(target, TARGET, id, before, after);
  }

  private Timed timed(Ec2Client client, String region, String id, long before, long after)
      throws InterruptedException {
    List<Poll> polls = new ArrayList<>();
    Snapshot done = waitUntilDone(client, id, polls);
    assertThat(done.stateAsString()).isEqualTo("completed");
    SimSnapshot view =
        sim.snapshots(region).stream()
            .filter(s -> s.snapshotId().equals(id))
            .findFirst()
            .orElseThrow();
    return new Timed(view, before, after, polls);
  }

  /** One DescribeSnapshots: sent and answered (System.nanoTime) and the state it showed. */
  private record Poll(long sent, long answered, String state) {}

  /**
   * A snapshot or copy with the real times of its creating call and of the polls that watched it.
   */
  private record Timed(SimSnapshot snapshot, long callSent, long callAnswered, List<Poll> polls) {
    /**
     * Pending until {@code duration} after its creation, completed from then on: a poll answered
     * before the earliest possible completion saw it pending (exact: the simulator's state is a
     * function of time), and it was seen completed soon after the latest possible one (loose: the
     * machine may be busy).
     */
    void follows(Duration duration) {
      // the creation instant is truncated to the millisecond: up to 1 ms before the call was sent
      long earliest = callSent + duration.toNanos() - 1_000_000;
      long latest = callAnswered + duration.toNanos();
      assertThat(polls).as("polls of " + snapshot.snapshotId()).isNotEmpty();
      for (Poll p : polls) {
        if (p.answered() < earliest) {
          assertThat(p.state()).as("a poll before the end").isEqualTo("pending");
        }
        if (p.sent() > latest) {
          assertThat(p.state()).as("a poll after the end").isEqualTo("completed");
        }
      }
      Poll completed = polls.get(polls.size() - 1);
      assertThat(completed.state()).isEqualTo("completed");
      assertThat(completed.answered()).isGreaterThanOrEqualTo(earliest);
      assertThat(Duration.ofNanos(completed.sent() - latest)).isLessThan(Duration.ofSeconds(2));
    }
  }

  private static Snapshot waitUntilDone(Ec2Client client, String snapshotId, List<Poll> polls)
      throws InterruptedException {
    for (int i = 0; i < 2000; i++) {
      long sent = System.nanoTime();
      Snapshot s = client.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
      polls.add(new Poll(sent, System.nanoTime(), s.stateAsString()));
      if (!s.stateAsString().equals("pending")) {
        return s;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(snapshotId + " still pending");
  }
}
