package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** Injected errors, stuck copies, failing snapshots, latency, and the counters that see them. */
class FaultsAndCountersTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private Ec2Simulator sim;
  private Ec2Client source;
  private Ec2Client target;
  private List<SimInstance> fleet;

  @BeforeEach
  void start() {
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO)
                .withSnapshotDuration(0, 0)
                .withCopyDuration(0, 0.001));
    source = SimClients.client(sim, SOURCE);
    target = SimClients.client(sim, TARGET);
    fleet = sim.addFleet(SOURCE, new FleetSpec(5, 10));
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
    sim.close();
  }

  @Test
  void countersAddUpByActionByRegionAndByErrorCode() {
    source.describeSnapshots(b -> b.ownerIds("self"));
    source.describeSnapshots(b -> b.ownerIds("self"));
    target.describeSnapshots(b -> b.ownerIds("self"));
    source.describeVolumes();
    sim.faults().errorRate("DescribeImages", 1.0, "Unavailable", 503);
    catchThrowableOfType(AwsServiceException.class, () -> target.describeImages());

    Ec2Counters counters = sim.counters();
    assertThat(counters.byAction("calls"))
        .containsEntry("DescribeSnapshots", 3L)
        .containsEntry("DescribeVolumes", 1L);
    assertThat(counters.byRegion("DescribeSnapshots", "calls"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(SOURCE, 2L, TARGET, 1L));
    long images = counters.calls(TARGET, "DescribeImages");
    assertThat(images).isPositive(); // the SDK's own retries are calls too
    assertThat(counters.total("calls")).isEqualTo(3 + 1 + images);
    assertThat(counters.errorsWithCode("Unavailable")).isEqualTo(images);
    assertThat(counters.total("errors")).isEqualTo(images);
  }

  @Test
  void errorRateAnswersTheConfiguredCodeAndStatusAndIsCounted() {
    sim.faults().errorRate("DescribeInstances", 0.5, "InternalError", 500);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      try {
        source.describeInstances();
        outcomes.add("ok");
      } catch (AwsServiceException e) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        assertThat(e.statusCode()).isEqualTo(500);
        outcomes.add("error");
      }
    }
    long errors = outcomes.stream().filter("error"::equals).count();
    assertThat(errors).isBetween(5L, 35L);
    assertThat(sim.counters().errors(SOURCE, "DescribeInstances")).isEqualTo(errors);
    assertThat(sim.counters().calls(SOURCE, "DescribeInstances")).isEqualTo(40);
    assertThat(sim.counters().snapshot())
        .containsEntry(SOURCE + "/DescribeInstances/calls", 40L)
        .containsEntry(SOURCE + "/DescribeInstances/errors", errors);

    sim.faults().errorRate("DescribeVolumes", 1.0, "Unavailable", 503);
    AwsServiceException unavailable =
        catchThrowableOfType(AwsServiceException.class, () -> source.describeVolumes());
    assertThat(unavailable.awsErrorDetails().errorCode()).isEqualTo("Unavailable");
    assertThat(unavailable.statusCode()).isEqualTo(503);

    sim.faults().clear();
    source.describeVolumes();
    assertThat(sim.counters().errors(SOURCE, "DescribeVolumes")).isEqualTo(1);

    sim.counters().reset();
    assertThat(sim.counters().snapshot()).isEmpty();
    assertThat(sim.counters().calls(SOURCE, "DescribeInstances")).isZero();
  }

  @Test
  void sameFaultSeedGivesTheSameOutcomes() {
    List<Boolean> first = runWithSeed(77);
    List<Boolean> second = runWithSeed(77);
    assertThat(first).isEqualTo(second).contains(true, false);
  }

  private List<Boolean> runWithSeed(long seed) {
    sim.faults().clear();
    sim.faults().seed(seed);
    sim.faults().errorRate("DescribeRegions", 0.3, "InternalError", 500);
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      try {
        source.describeRegions();
        failed.add(false);
      } catch (AwsServiceException e) {
        failed.add(true);
      }
    }
    return failed;
  }

  @Test
  void stuckCopiesNeverComplete() throws Exception {
    String snap =
        source
            .createSnapshot(r -> r.volumeId(fleet.get(0).volumes().get(0).volumeId()))
            .snapshotId();
    sim.faults().stuckCopiesWhere(snap::equals);
    String stuck = copy(snap);
    String other =
        source
            .createSnapshot(r -> r.volumeId(fleet.get(1).volumes().get(0).volumeId()))
            .snapshotId();
    String fine = copy(other);
    Thread.sleep(100);
    assertThat(state(target, fine)).isEqualTo("completed");
    assertThat(state(target, stuck)).isEqualTo("pending");

    sim.faults().stuckCopies(true);
    String alsoStuck = copy(other);
    sim.faults().stuckCopies(false);
    Thread.sleep(100);
    assertThat(state(target, alsoStuck)).isEqualTo("pending");
    assertThat(sim.snapshots(TARGET))
        .filteredOn(s -> s.state().equals("pending"))
        .extracting(SimSnapshot::snapshotId)
        .containsExactlyInAnyOrder(stuck, alsoStuck);
  }

  @Test
  void snapshotsOfAFailingVolumeEndInError() throws Exception {
    SimInstance instance = fleet.get(4);
    String badVolume = instance.volumes().get(1).volumeId();
    sim.faults().failSnapshotsOfVolume(badVolume);
    List<String> ids =
        source
            .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance.instanceId())))
            .snapshots()
            .stream()
            .map(s -> s.snapshotId())
            .toList();
    Thread.sleep(50);
    List<Snapshot> described = source.describeSnapshots(r -> r.snapshotIds(ids)).snapshots();
    assertThat(described)
        .allSatisfy(
            s ->
                assertThat(s.stateAsString())
                    .isEqualTo(s.volumeId().equals(badVolume) ? "error" : "completed"));
    String failed =
        described.stream()
            .filter(s -> s.volumeId().equals(badVolume))
            .findFirst()
            .orElseThrow()
            .snapshotId();
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, () -> copy(failed));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectState");
  }

  @Test
  void latencyIsAddedAndMutatingCallsAreCounted() {
    sim.faults().latency("DescribeRegions", Duration.ofMillis(30));
    source.describeRegions();
    source.createTags(r -> r.resources(fleet.get(0).instanceId()).tags(t -> t.key("k").value("v")));
    String snap =
        source
            .createSnapshot(r -> r.volumeId(fleet.get(0).volumes().get(0).volumeId()))
            .snapshotId();
    copy(snap);
    assertThat(sim.counters().mutatingCalls()).isEqualTo(3);
    assertThat(sim.counters().calls(TARGET, "CopySnapshot")).isEqualTo(1);
    assertThat(sim.counters().calls(SOURCE, "CopySnapshot")).isZero();
    assertThat(sim.faults().latency("DescribeRegions")).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void unknownActionsAndParametersAreRefusedLikeEc2() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    String auth =
        "AWS4-HMAC-SHA256 Credential=AKIDSIMULATOR/20261125/us-east-1/ec2/aws4_request,"
            + " SignedHeaders=host, Signature=0";
    var unknownAction =
        http.send(
            java.net.http.HttpRequest.newBuilder(sim.endpoint())
                .header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "Action=CreateFleet&Version=2016-11-15"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unknownAction.statusCode()).isEqualTo(400);
    assertThat(unknownAction.body())
        .contains("<Response><Errors><Error><Code>InvalidAction</Code>")
        .contains("<RequestID>");
    var unknownParam =
        http.send(
            java.net.http.HttpRequest.newBuilder(sim.endpoint())
                .header("Authorization", auth)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "Action=DescribeInstances&Version=2016-11-15&Bogus.1=x"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unknownParam.body()).contains("<Code>UnknownParameter</Code>");
    var unsigned =
        http.send(
            java.net.http.HttpRequest.newBuilder(sim.endpoint())
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "Action=DescribeInstances&Version=2016-11-15"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);
  }

  private String copy(String snapshotId) {
    return target
        .copySnapshot(
            r -> r.sourceRegion(SOURCE).sourceSnapshotId(snapshotId).destinationRegion(TARGET))
        .snapshotId();
  }

  private static String state(Ec2Client client, String snapshotId) {
    return client
        .describeSnapshots(r -> r.snapshotIds(snapshotId))
        .snapshots()
        .get(0)
        .stateAsString();
  }
}
