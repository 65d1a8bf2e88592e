package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Paravirtual images with a kernel, multi-device images, image tags, hostile tag text. */
class ImagesAndTagsTest {
  private static final String REGION = "ap-southeast-2";
  private Ec2Simulator sim;
  private Ec2Client ec2;
  private SimInstance fourVolumes;

  @BeforeEach
  void start() {
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO)
                .withSnapshotDuration(0, 0));
    ec2 = SimClients.client(sim, REGION);
    fourVolumes = sim.addFleet(REGION, new FleetSpec(21, 6)).get(4);
  }

  @AfterEach
  void stop() {
    ec2.close();
    sim.close();
  }

  private List<String> snapshotAll() {
    return ec2
        .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(fourVolumes.instanceId())))
        .snapshots()
        .stream()
        .map(s -> s.snapshotId())
        .toList();
  }

  @Test
  void paravirtualImageWithKernelAndDataDevices() {
    List<String> snaps = snapshotAll();
    String kernel = AmazonKernels.id(REGION, "hd00", "1.05", "x86_64");
    String imageId =
        ec2.registerImage(
                r ->
                    r.name("oel-5.5 [pv] (migrated)")
                        .description("pv-grub, \"quoted\"")
                        .architecture("x86_64")
                        .virtualizationType("paravirtual")
                        .kernelId(kernel)
                        .rootDeviceName("/dev/sda1")
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sda1")
                                .ebs(e -> e.snapshotId(snaps.get(0)))
                                .build(),
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdf")
                                .ebs(
                                    e ->
                                        e.snapshotId(snaps.get(1))
                                            .volumeSize(600)
                                            .volumeType("st1")
                                            .deleteOnTermination(false))
                                .build()))
            .imageId();
    Image image = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0);
    assertThat(image.kernelId()).isEqualTo(kernel);
    assertThat(image.virtualizationTypeAsString()).isEqualTo("paravirtual");
    assertThat(image.description()).isEqualTo("pv-grub, \"quoted\"");
    assertThat(image.blockDeviceMappings()).hasSize(2);
    assertThat(image.blockDeviceMappings().get(1).ebs().volumeSize()).isEqualTo(600);
    assertThat(image.blockDeviceMappings().get(1).ebs().deleteOnTermination()).isFalse();
    assertThat(image.blockDeviceMappings().get(1).ebs().volumeTypeAsString()).isEqualTo("st1");
    SimImage view = sim.images(REGION).get(0);
    assertThat(view.kernelId()).isEqualTo(kernel);
    assertThat(view.rootSnapshotId()).isEqualTo(snaps.get(0));
    assertThat(view.blockDevices())
        .containsExactly(Map.entry("/dev/sda1", snaps.get(0)), Map.entry("/dev/sdf", snaps.get(1)));
  }

  @Test
  void badImageRequestsAreRefused() {
    List<String> snaps = snapshotAll();
    AwsServiceException tooSmall =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                ec2.registerImage(
                    r ->
                        r.name("small")
                            .rootDeviceName("/dev/xvda")
                            .blockDeviceMappings(
                                BlockDeviceMapping.builder()
                                    .deviceName("/dev/xvda")
                                    .ebs(e -> e.snapshotId(snaps.get(0)).volumeSize(1))
                                    .build())));
    assertThat(tooSmall.awsErrorDetails().errorCode()).isEqualTo("InvalidBlockDeviceMapping");
    AwsServiceException noRoot =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                ec2.registerImage(
                    r ->
                        r.name("no root")
                            .rootDeviceName("/dev/xvda")
                            .blockDeviceMappings(
                                BlockDeviceMapping.builder()
                                    .deviceName("/dev/sdf")
                                    .ebs(e -> e.snapshotId(snaps.get(1)))
                                    .build())));
    assertThat(noRoot.awsErrorDetails().errorCode()).isEqualTo("InvalidBlockDeviceMapping");
    AwsServiceException badName =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                ec2.registerImage(
                    r ->
                        r.name("x")
                            .rootDeviceName("/dev/xvda")
                            .blockDeviceMappings(
                                BlockDeviceMapping.builder()
                                    .deviceName("/dev/xvda")
                                    .ebs(e -> e.snapshotId(snaps.get(0)))
                                    .build())));
    assertThat(badName.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(sim.images(REGION)).isEmpty();
  }

  @Test
  void imagesAreTaggedAndFilteredByTagAndOwner() {
    List<String> snaps = snapshotAll();
    String imageId =
        ec2.registerImage(
                r ->
                    r.name("tagged")
                        .virtualizationType("hvm")
                        .rootDeviceName("/dev/xvda")
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/xvda")
                                .ebs(e -> e.snapshotId(snaps.get(0)))
                                .build()))
            .imageId();
    ec2.createTags(
        r -> r.resources(imageId).tags(Tag.builder().key("migrator:run").value("r1").build()));
    assertThat(
            ec2.describeImages(
                    r ->
                        r.owners("self")
                            .filters(
                                Filter.builder().name("tag:migrator:run").values("r1").build()))
                .images())
        .extracting(Image::imageId)
        .containsExactly(imageId);
    assertThat(
            ec2.describeImages(
                    r -> r.filters(Filter.builder().name("tag:migrator:run").values("r2").build()))
                .images())
        .isEmpty();
    // Amazon's own images are its public PV-GRUB kernels, never this account's images
    assertThat(ec2.describeImages(r -> r.owners("amazon")).images())
        .isNotEmpty()
        .allSatisfy(i -> assertThat(i.imageTypeAsString()).isEqualTo("kernel"))
        .extracting(Image::imageId)
        .doesNotContain(imageId);
    AwsServiceException unknown =
        catchThrowableOfType(
            AwsServiceException.class,
            () -> ec2.describeImages(r -> r.imageIds("ami-0123456789abcdef0")));
    assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
  }

  @Test
  void hostileTagTextRoundTripsThroughCreateTagsAndFilters() {
    String snap = snapshotAll().get(0);
    Map<String, String> hostile = new LinkedHashMap<>();
    for (int i = 0; i < FleetGenerator.HOSTILE_VALUES.size(); i++) {
      hostile.put("h" + i, FleetGenerator.HOSTILE_VALUES.get(i));
    }
    ec2.createTags(
        r ->
            r.resources(snap)
                .tags(
                    hostile.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()));
    Snapshot described = ec2.describeSnapshots(r -> r.snapshotIds(snap)).snapshots().get(0);
    Map<String, String> tags =
        described.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    assertThat(tags).containsAllEntriesOf(hostile);
    for (Map.Entry<String, String> e : hostile.entrySet()) {
      assertThat(
              ec2.describeSnapshots(
                      r ->
                          r.filters(
                              Filter.builder()
                                  .name("tag:" + e.getKey())
                                  .values(e.getValue())
                                  .build()))
                  .snapshots())
          .as("filter on %s", e.getValue())
          .extracting(Snapshot::snapshotId)
          .containsExactly(snap);
    }
    assertThat(sim.snapshots(REGION).get(0).tags()).containsAllEntriesOf(hostile);
  }
}
