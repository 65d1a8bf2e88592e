package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

/** Every read and tag action through the real SDK, against one simulator. */
class Ec2SimulatorActionsTest {
  private static final String REGION = "us-east-1";
  private static Ec2Simulator sim;
  private static Ec2Client ec2;
  private static List<SimInstance> fleet;

  @BeforeAll
  static void start() {
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO));
    fleet = sim.addFleet(REGION, new FleetSpec(7, 40));
    ec2 = SimClients.client(sim, REGION);
  }

  @AfterAll
  static void stop() {
    ec2.close();
    sim.close();
  }

  private static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static String errorCode(Throwable t) {
    return ((AwsServiceException) t).awsErrorDetails().errorCode();
  }

  @Test
  void describeInstancesShowsEveryFieldOfTheFleet() {
    SimInstance pv = fleet.get(2);
    Instance i =
        ec2.describeInstances(r -> r.instanceIds(pv.instanceId()))
            .reservations()
            .get(0)
            .instances()
            .get(0);

    assertThat(i.instanceId()).isEqualTo(pv.instanceId());
    assertThat(i.state().nameAsString()).isEqualTo(pv.state());
    assertThat(i.instanceTypeAsString()).isEqualTo(pv.instanceType());
    assertThat(i.placement().availabilityZone()).isEqualTo(pv.availabilityZone());
    assertThat(i.subnetId()).isEqualTo(pv.subnetId()).startsWith("subnet-");
    assertThat(i.vpcId()).startsWith("vpc-");
    assertThat(i.privateIpAddress()).isEqualTo(pv.privateIp()).startsWith("10.");
    assertThat(i.imageId()).matches("ami-[0-9a-f]{17}");
    assertThat(i.virtualizationTypeAsString()).isEqualTo("paravirtual");
    assertThat(i.kernelId()).matches("aki-[0-9a-f]{8}").isEqualTo(pv.kernelId());
    assertThat(i.rootDeviceName()).isEqualTo("/dev/sda1");
    assertThat(i.rootDeviceTypeAsString()).isEqualTo("ebs");
    assertThat(i.architectureAsString()).isEqualTo("x86_64");
    assertThat(i.bootModeAsString()).isNull();
    assertThat(tagMap(i.tags())).isEqualTo(pv.tags());
    assertThat(i.blockDeviceMappings())
        .extracting(InstanceBlockDeviceMapping::deviceName)
        .containsExactlyElementsOf(pv.volumes().stream().map(SimVolume::device).toList());
    InstanceBlockDeviceMapping root = i.blockDeviceMappings().get(0);
    assertThat(root.ebs().volumeId()).isEqualTo(pv.volumes().get(0).volumeId());
    assertThat(root.ebs().statusAsString()).isEqualTo("attached");
    assertThat(root.ebs().deleteOnTermination()).isTrue();

    SimInstance hvm = fleet.get(0);
    Instance h =
        ec2.describeInstances(r -> r.instanceIds(hvm.instanceId()))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(h.virtualizationTypeAsString()).isEqualTo("hvm");
    assertThat(h.enaSupport()).isTrue();
    assertThat(h.bootModeAsString()).isEqualTo("legacy-bios");
    assertThat(h.kernelId()).isNull();
  }

  @Test
  void hostileTagTextSurvivesTheRoundTrip() {
    SimInstance hostile = fleet.get(5);
    assertThat(hostile.tags().values()).containsAll(FleetGenerator.HOSTILE_VALUES);
    Instance i =
        ec2.describeInstances(r -> r.instanceIds(hostile.instanceId()))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(tagMap(i.tags())).isEqualTo(hostile.tags());
  }

  @Test
  void describeInstancesFiltersByStateAndTagAndPaginates() {
    long stopped = fleet.stream().filter(i -> i.state().equals("stopped")).count();
    DescribeInstancesResponse onlyStopped =
        ec2.describeInstances(
            r -> r.filters(Filter.builder().name("instance-state-name").values("stopped").build()));
    assertThat(onlyStopped.reservations().stream().mapToLong(res -> res.instances().size()).sum())
        .isEqualTo(stopped)
        .isPositive();

    String name = fleet.get(3).tags().get("Name");
    DescribeInstancesResponse byName =
        ec2.describeInstances(
            r -> r.filters(Filter.builder().name("tag:Name").values(name).build()));
    assertThat(byName.reservations()).hasSize(1);
    assertThat(byName.reservations().get(0).instances().get(0).instanceId())
        .isEqualTo(fleet.get(3).instanceId());

    List<String> paged =
        ec2.describeInstancesPaginator(r -> r.maxResults(7)).reservations().stream()
            .flatMap(res -> res.instances().stream())
            .map(Instance::instanceId)
            .toList();
    assertThat(paged)
        .containsExactlyElementsOf(fleet.stream().map(SimInstance::instanceId).toList());
  }

  @Test
  void unknownAndMalformedInstanceIdsAreRejectedLikeEc2() {
    Throwable notFound =
        catchThrowableOfType(
            AwsServiceException.class,
            () -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")));
    assertThat(errorCode(notFound)).isEqualTo("InvalidInstanceID.NotFound");
    Throwable malformed =
        catchThrowableOfType(
            AwsServiceException.class, () -> ec2.describeInstances(r -> r.instanceIds("i-xyz")));
    assertThat(errorCode(malformed)).isEqualTo("InvalidInstanceID.Malformed");
    assertThat(((AwsServiceException) malformed).statusCode()).isEqualTo(400);
  }

  @Test
  void describeVolumesByAttachedInstance() {
    SimInstance four = fleet.get(4);
    List<Volume> volumes =
        ec2.describeVolumes(
                r ->
                    r.filters(
                        Filter.builder()
                            .name("attachment.instance-id")
                            .values(four.instanceId())
                            .build()))
            .volumes();
    assertThat(volumes).hasSize(4);
    for (int k = 0; k < 4; k++) {
      SimVolume expected = four.volumes().get(k);
      Volume v = volumes.get(k);
      assertThat(v.volumeId()).isEqualTo(expected.volumeId()).matches("vol-[0-9a-f]{17}");
      assertThat(v.size()).isEqualTo(expected.sizeGib());
      assertThat(v.volumeTypeAsString()).isEqualTo(expected.volumeType());
      assertThat(v.iops()).isEqualTo(expected.iops());
      assertThat(v.throughput()).isEqualTo(expected.throughput());
      assertThat(v.availabilityZone()).isEqualTo(four.availabilityZone());
      assertThat(v.encrypted()).isEqualTo(expected.kmsKeyId() != null);
      assertThat(v.attachments().get(0).instanceId()).isEqualTo(four.instanceId());
      assertThat(v.attachments().get(0).device()).isEqualTo(expected.device());
      assertThat(tagMap(v.tags())).isEqualTo(expected.tags());
    }
    assertThat(four.mountPoints()).containsExactly("/", "/data1", "/data2", "/data3");
  }

  @Test
  void createSnapshotsTagsEverySnapshotAndCopiesVolumeTags() {
    SimInstance four = fleet.get(4);
    CreateSnapshotsResponse created =
        ec2.createSnapshots(
            r ->
                r.instanceSpecification(s -> s.instanceId(four.instanceId()))
                    .description("migration")
                    .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SNAPSHOT)
                            .tags(
                                Tag.builder().key("migrator:run").value("run-1").build(),
                                Tag.builder()
                                    .key("migrator:source-instance")
                                    .value(four.instanceId())
                                    .build())
                            .build()));
    List<SnapshotInfo> snaps = created.snapshots();
    assertThat(snaps).hasSize(4);
    for (int k = 0; k < 4; k++) {
      SnapshotInfo s = snaps.get(k);
      SimVolume v = four.volumes().get(k);
      assertThat(s.snapshotId()).matches("snap-[0-9a-f]{17}");
      assertThat(s.volumeId()).isEqualTo(v.volumeId());
      assertThat(s.volumeSize()).isEqualTo(v.sizeGib());
      assertThat(s.stateAsString()).isEqualTo("pending");
      assertThat(s.progress()).endsWith("%");
      assertThat(s.ownerId()).isEqualTo("123456789012");
      assertThat(s.startTime()).isNotNull();
      assertThat(tagMap(s.tags()))
          .containsEntry("migrator:run", "run-1")
          .containsEntry("migrator:source-instance", four.instanceId())
          .containsEntry("Name", v.tags().get("Name"));
    }
    SimSnapshot recorded =
        sim.snapshots(REGION).stream()
            .filter(s -> s.snapshotId().equals(snaps.get(0).snapshotId()))
            .findFirst()
            .orElseThrow();
    assertThat(recorded.createdAt()).isEqualTo(snaps.get(0).startTime());

    CreateSnapshotsResponse dataOnly =
        ec2.createSnapshots(
            r ->
                r.instanceSpecification(
                    s -> s.instanceId(fleet.get(0).instanceId()).excludeBootVolume(true)));
    assertThat(dataOnly.snapshots())
        .extracting(SnapshotInfo::volumeId)
        .containsExactly(fleet.get(0).volumes().get(1).volumeId());
  }

  @Test
  void createSnapshotThenDescribeByTagAndIdThenDelete() {
    SimVolume vol = fleet.get(6).volumes().get(0);
    CreateSnapshotResponse created =
        ec2.createSnapshot(
            r ->
                r.volumeId(vol.volumeId())
                    .description("one, \"two\"")
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SNAPSHOT)
                            .tags(Tag.builder().key("single").value("yes").build())
                            .build()));
    assertThat(created.stateAsString()).isIn("pending", "completed");
    assertThat(created.description()).isEqualTo("one, \"two\"");

    List<Snapshot> byTag =
        ec2.describeSnapshots(
                r ->
                    r.ownerIds("self")
                        .filters(Filter.builder().name("tag:single").values("yes").build()))
            .snapshots();
    assertThat(byTag).extracting(Snapshot::snapshotId).containsExactly(created.snapshotId());
    assertThat(
            ec2.describeSnapshots(
                    r -> r.filters(Filter.builder().name("tag-key").values("single").build()))
                .snapshots())
        .hasSize(1);
    assertThat(
            ec2.describeSnapshots(
                    r ->
                        r.filters(
                            Filter.builder().name("volume-id").values(vol.volumeId()).build()))
                .snapshots())
        .extracting(Snapshot::snapshotId)
        .contains(created.snapshotId());

    ec2.createTags(
        r ->
            r.resources(created.snapshotId(), fleet.get(6).instanceId(), vol.volumeId())
                .tags(Tag.builder().key("added").value("later, with comma").build()));
    Snapshot described =
        ec2.describeSnapshots(r -> r.snapshotIds(created.snapshotId())).snapshots().get(0);
    assertThat(tagMap(described.tags()))
        .containsEntry("single", "yes")
        .containsEntry("added", "later, with comma");
    assertThat(sim.instances(REGION).get(6).tags()).containsEntry("added", "later, with comma");
    assertThat(sim.instances(REGION).get(6).volumes().get(0).tags())
        .containsEntry("added", "later, with comma");

    ec2.deleteSnapshot(r -> r.snapshotId(created.snapshotId()));
    Throwable gone =
        catchThrowableOfType(
            AwsServiceException.class,
            () -> ec2.describeSnapshots(r -> r.snapshotIds(created.snapshotId())));
    assertThat(errorCode(gone)).isEqualTo("InvalidSnapshot.NotFound");
    Throwable deleteAgain =
        catchThrowableOfType(
            AwsServiceException.class,
            () -> ec2.deleteSnapshot(r -> r.snapshotId(created.snapshotId())));
    assertThat(errorCode(deleteAgain)).isEqualTo("InvalidSnapshot.NotFound");
  }

  @Test
  void createTagsOnAnUnknownResourceFails() {
    Throwable t =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                ec2.createTags(
                    r ->
                        r.resources("snap-0123456789abcdef0")
                            .tags(Tag.builder().key("k").value("v").build())));
    assertThat(errorCode(t)).isEqualTo("InvalidSnapshot.NotFound");
  }

  @Test
  void dryRunAnswersDryRunOperationAndChangesNothing() {
    int before = sim.snapshots(REGION).size();
    AwsServiceException e =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                ec2.createSnapshot(
                    r -> r.volumeId(fleet.get(7).volumes().get(0).volumeId()).dryRun(true)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
    assertThat(e.statusCode()).isEqualTo(412);
    assertThat(sim.snapshots(REGION)).hasSize(before);
    AwsServiceException d =
        catchThrowableOfType(
            AwsServiceException.class, () -> ec2.describeInstances(r -> r.dryRun(true)));
    assertThat(d.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
  }

  @Test
  void describeRegionsListsRealRegionsWithAwsEndpoints() {
    var regions = ec2.describeRegions().regions();
    assertThat(regions).hasSizeGreaterThan(10);
    assertThat(regions)
        .anySatisfy(
            r -> {
              assertThat(r.regionName()).isEqualTo("ap-southeast-2");
              assertThat(r.endpoint()).isEqualTo("ec2.ap-southeast-2.amazonaws.com");
            });
    assertThat(ec2.describeRegions(r -> r.regionNames("us-east-1")).regions()).hasSize(1);
  }

  @Test
  void unknownFilterIsInvalidParameterValue() {
    assertThatThrownBy(
            () ->
                ec2.describeSnapshots(
                    r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())))
        .isInstanceOf(AwsServiceException.class)
        .satisfies(t -> assertThat(errorCode(t)).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void regionsAreIsolated() {
    try (Ec2Client sydney = SimClients.client(sim, "ap-southeast-2")) {
      assertThat(sydney.describeInstances().reservations()).isEmpty();
      String snapshotId =
          ec2.createSnapshot(r -> r.volumeId(fleet.get(8).volumes().get(0).volumeId()))
              .snapshotId();
      Throwable t =
          catchThrowableOfType(
              AwsServiceException.class,
              () -> sydney.describeSnapshots(r -> r.snapshotIds(snapshotId)));
      assertThat(errorCode(t)).isEqualTo("InvalidSnapshot.NotFound");
      assertThat(sim.snapshots("ap-southeast-2")).isEmpty();
      assertThat(sim.snapshots(REGION)).extracting(SimSnapshot::snapshotId).contains(snapshotId);
    }
  }
}
