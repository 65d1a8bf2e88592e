package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CopySnapshotResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** CreateSnapshots in us-east-1, CopySnapshot into ap-southeast-2, RegisterImage there. */
class CopyLifecycleTest {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private Ec2Simulator sim;
  private Ec2Client source;
  private Ec2Client target;

  @BeforeEach
  void start() {
    // a copy takes at least 8000 simulated s = 0.8 real s at this scale, long enough to watch
    // its progress rise even on a busy machine; a snapshot at least 20,000 s = 2 s, long enough
    // for the copy refused while it is pending to come before it completes
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withTimeScale(10_000)
                .withSnapshotDuration(20_000, 8)
                .withCopyDuration(8000, 20)
                .withDefaultLatency(Duration.ZERO));
    source = SimClients.client(sim, SOURCE);
    target = SimClients.client(sim, TARGET);
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
    sim.close();
  }

  private static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private Snapshot waitUntilDone(Ec2Client client, String snapshotId, List<Integer> progressSeen)
      throws InterruptedException {
    // one look per 100 ms keeps within the simulated Describe bucket (50 burst, 10 a second)
    for (int i = 0; i < 600; i++) {
      Snapshot s = client.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
      progressSeen.add(Integer.parseInt(s.progress().replace("%", "")));
      if (!s.stateAsString().equals("pending")) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(snapshotId + " still pending");
  }

  @Test
  void snapshotCopyAndImageAcrossTwoRegions() throws Exception {
    SimInstance instance = sim.addFleet(SOURCE, new FleetSpec(11, 3)).get(0);
    List<SnapshotInfo> snaps =
        source
            .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance.instanceId())))
            .snapshots();
    SnapshotInfo root = snaps.get(0);
    assertThat(root.volumeId()).isEqualTo(instance.volumes().get(0).volumeId());

    Throwable notYet =
        catchThrowableOfType(AwsServiceException.class, () -> copy(root.snapshotId(), Map.of()));
    assertThat(((AwsServiceException) notYet).awsErrorDetails().errorCode())
        .isEqualTo("IncorrectState");

    List<Integer> snapshotProgress = new ArrayList<>();
    assertThat(waitUntilDone(source, root.snapshotId(), snapshotProgress).stateAsString())
        .isEqualTo("completed");
    assertThat(snapshotProgress).isSorted().last().isEqualTo(100);

    assertThat(target.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();
    CopySnapshotResponse copied =
        copy(root.snapshotId(), Map.of("migrator:source-snapshot", root.snapshotId(), "x", "a,b"));
    assertThat(copied.snapshotId()).matches("snap-[0-9a-f]{17}").isNotEqualTo(root.snapshotId());
    assertThat(tagMap(copied.tags())).containsEntry("x", "a,b");

    List<Integer> copyProgress = new ArrayList<>();
    Snapshot done = waitUntilDone(target, copied.snapshotId(), copyProgress);
    assertThat(done.stateAsString()).isEqualTo("completed");
    assertThat(copyProgress).isSorted().last().isEqualTo(100);
    assertThat(copyProgress.stream().distinct().count()).isGreaterThan(2);
    assertThat(done.volumeSize()).isEqualTo(root.volumeSize());
    assertThat(done.description()).isEqualTo("copy of " + root.snapshotId());
    assertThat(tagMap(done.tags())).containsEntry("migrator:source-snapshot", root.snapshotId());
    assertThat(done.encrypted()).isFalse();
    SimSnapshot view =
        sim.snapshots(TARGET).stream()
            .filter(s -> s.snapshotId().equals(copied.snapshotId()))
            .findFirst()
            .orElseThrow();
    assertThat(view.sourceRegion()).isEqualTo(SOURCE);
    assertThat(view.sourceSnapshotId()).isEqualTo(root.snapshotId());
    assertThat(view.isCopy()).isTrue();
    assertThat(sim.snapshots(SOURCE)).noneMatch(SimSnapshot::isCopy);

    String imageId =
        target
            .registerImage(
                r ->
                    r.name("migrated " + instance.instanceId())
                        .architecture(ArchitectureValues.X86_64)
                        .virtualizationType(instance.virtualizationType())
                        .rootDeviceName(instance.rootDeviceName())
                        .enaSupport(true)
                        .bootMode("legacy-bios")
                        .sriovNetSupport("simple")
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName(instance.rootDeviceName())
                                .ebs(
                                    e ->
                                        e.snapshotId(copied.snapshotId())
                                            .volumeType("gp3")
                                            .deleteOnTermination(true))
                                .build()))
            .imageId();
    assertThat(imageId).matches("ami-[0-9a-f]{17}");

    Image image = target.describeImages(r -> r.owners("self").imageIds(imageId)).images().get(0);
    assertThat(image.name()).isEqualTo("migrated " + instance.instanceId());
    assertThat(image.rootDeviceName()).isEqualTo(instance.rootDeviceName());
    assertThat(image.stateAsString()).isEqualTo("available");
    assertThat(image.architectureAsString()).isEqualTo("x86_64");
    assertThat(image.enaSupport()).isTrue();
    assertThat(image.blockDeviceMappings().get(0).ebs().snapshotId())
        .isEqualTo(copied.snapshotId());
    assertThat(image.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(root.volumeSize());
    assertThat(
            target
                .describeImages(
                    r -> r.filters(Filter.builder().name("name").values("migrated i-*").build()))
                .images())
        .extracting(Image::imageId)
        .containsExactly(imageId);
    assertThat(source.describeImages().images()).isEmpty();
    assertThat(sim.images(TARGET))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.rootSnapshotId()).isEqualTo(copied.snapshotId());
              assertThat(i.blockDevices())
                  .containsEntry(instance.rootDeviceName(), copied.snapshotId());
            });

    Throwable duplicate =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                target.registerImage(
                    r ->
                        r.name("migrated " + instance.instanceId())
                            .rootDeviceName("/dev/xvda")
                            .blockDeviceMappings(
                                BlockDeviceMapping.builder()
                                    .deviceName("/dev/xvda")
                                    .ebs(e -> e.snapshotId(copied.snapshotId()))
                                    .build())));
    assertThat(((AwsServiceException) duplicate).awsErrorDetails().errorCode())
        .isEqualTo("InvalidAMIName.Duplicate");

    Throwable inUse =
        catchThrowableOfType(
            AwsServiceException.class,
            () -> target.deleteSnapshot(r -> r.snapshotId(copied.snapshotId())));
    assertThat(((AwsServiceException) inUse).awsErrorDetails().errorCode())
        .isEqualTo("InvalidSnapshot.InUse");
    target.deregisterImage(r -> r.imageId(imageId));
    assertThat(target.describeImages().images()).isEmpty();
    target.deleteSnapshot(r -> r.snapshotId(copied.snapshotId()));
    assertThat(sim.snapshots(TARGET)).isEmpty();
    // a benchmark still reads what the deleted copy carried, as it was when deleted
    assertThat(sim.snapshotsEverMade(TARGET))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.snapshotId()).isEqualTo(copied.snapshotId());
              assertThat(c.state()).isEqualTo("completed");
              assertThat(c.dataGib()).isPositive();
              assertThat(c.tags()).isNotEmpty();
            });
  }

  @Test
  void copyOfAnUnknownSourceIsNotFoundAndRegisterNeedsAnExistingSnapshot() {
    Throwable t =
        catchThrowableOfType(
            AwsServiceException.class, () -> copy("snap-0123456789abcdef0", Map.of()));
    assertThat(((AwsServiceException) t).awsErrorDetails().errorCode())
        .isEqualTo("InvalidSnapshot.NotFound");
    Throwable r =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                target.registerImage(
                    b ->
                        b.name("nope")
                            .rootDeviceName("/dev/xvda")
                            .blockDeviceMappings(
                                BlockDeviceMapping.builder()
                                    .deviceName("/dev/xvda")
                                    .ebs(e -> e.snapshotId("snap-0123456789abcdef0"))
                                    .build())));
    assertThat(((AwsServiceException) r).awsErrorDetails().errorCode())
        .isEqualTo("InvalidSnapshot.NotFound");
  }

  @Test
  void encryptedCopyCarriesItsKey() throws Exception {
    SimInstance instance = sim.addFleet(SOURCE, new FleetSpec(12, 1)).get(0);
    String snapId =
        source.createSnapshot(r -> r.volumeId(instance.volumes().get(0).volumeId())).snapshotId();
    waitUntilDone(source, snapId, new ArrayList<>());
    String copyId =
        target
            .copySnapshot(
                r ->
                    r.sourceRegion(SOURCE)
                        .sourceSnapshotId(snapId)
                        .destinationRegion(TARGET)
                        .encrypted(true)
                        .kmsKeyId("alias/migration"))
            .snapshotId();
    Snapshot copy = target.describeSnapshots(r -> r.snapshotIds(copyId)).snapshots().get(0);
    assertThat(copy.encrypted()).isTrue();
    assertThat(copy.kmsKeyId()).isEqualTo("alias/migration");
    assertThat(sim.snapshots(TARGET).get(0).kmsKeyId()).isEqualTo("alias/migration");
  }

  private CopySnapshotResponse copy(String sourceSnapshotId, Map<String, String> tags) {
    return target.copySnapshot(
        r -> {
          r.sourceRegion(SOURCE)
              .sourceSnapshotId(sourceSnapshotId)
              .destinationRegion(TARGET)
              .description("copy of " + sourceSnapshotId);
          if (!tags.isEmpty()) {
            r.tagSpecifications(
                TagSpecification.builder()
                    .resourceType(ResourceType.SNAPSHOT)
                    .tags(
                        tags.entrySet().stream()
                            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                            .toList())
                    .build());
          }
        });
  }
}
