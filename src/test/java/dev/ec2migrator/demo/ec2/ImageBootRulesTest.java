package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;

/**
 * The sample sources as DescribeInstances and GetInstanceUefiData show them, and what RegisterImage
 * refuses of boot attributes and volume performance settings, through the real SDK.
 */
class ImageBootRulesTest {
  private static final String REGION = "us-east-1";
  private Ec2Simulator sim;
  private Ec2Client ec2;
  private List<String> snapshots;
  private List<SimInstance> fleet;

  @BeforeEach
  void start() {
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO)
                .withSnapshotDuration(0, 0));
    ec2 = SimClients.client(sim, REGION);
    fleet = sim.addFleet(REGION, new FleetSpec(42, 2).withSampleSources());
    String plain = fleet.get(0).instanceId();
    snapshots =
        ec2
            .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(plain)))
            .snapshots()
            .stream()
            .map(s -> s.snapshotId())
            .toList();
  }

  @AfterEach
  void stop() {
    ec2.close();
    sim.close();
  }

  private Instance describe(String name) {
    String id =
        fleet.stream()
            .filter(i -> name.equals(i.tags().get("Name")))
            .findFirst()
            .orElseThrow()
            .instanceId();
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  @Test
  void sampleSourcesShowTheirPlatformBillingAndBootFacts() {
    Instance windows = describe("win-0001");
    assertThat(windows.platformAsString()).isEqualTo("windows");
    assertThat(windows.usageOperation()).isEqualTo("RunInstances:0002");
    Instance rhel = describe("rhel-0002");
    assertThat(rhel.platformDetails()).isEqualTo("Red Hat Enterprise Linux");
    assertThat(rhel.usageOperation()).isEqualTo("RunInstances:0010");
    Instance marketplace = describe("mkt-0005");
    assertThat(marketplace.productCodes())
        .singleElement()
        .satisfies(c -> assertThat(c.productCodeTypeAsString()).isEqualTo("marketplace"));
    Instance secure = describe("secure-0004");
    assertThat(secure.currentInstanceBootModeAsString()).isEqualTo("uefi");
    assertThat(secure.tpmSupport()).isEqualTo("v2.0");
    assertThat(secure.metadataOptions().httpTokensAsString()).isEqualTo("required");
    assertThat(ec2.getInstanceUefiData(r -> r.instanceId(secure.instanceId())).uefiData())
        .isNotBlank();
    assertThat(ec2.getInstanceUefiData(r -> r.instanceId(windows.instanceId())).uefiData())
        .isNull();
    Instance io2 = describe("dbio2-0003");
    assertThat(io2.platformDetails()).isEqualTo("Linux/UNIX");
    assertThat(io2.usageOperation()).isEqualTo("RunInstances");
  }

  @Test
  void ioVolumesNeedTheirIopsAndOnlyGp3TakesThroughput() {
    assertRefused(root(e -> e.volumeType("io2")), "InvalidParameterCombination", "iops");
    assertRefused(root(e -> e.volumeType("io1")), "InvalidParameterCombination", "iops");
    assertRefused(root(e -> e.volumeType("gp2").iops(3000)), "InvalidParameterCombination", "iops");
    assertRefused(
        root(e -> e.volumeType("io2").iops(4000).throughput(250)),
        "InvalidParameterCombination",
        "throughput");
    assertRefused(
        root(e -> e.volumeType("gp3").iops(3000).throughput(5000)),
        "InvalidParameterValue",
        "Throughput");
    String io2 = register(root(e -> e.volumeType("io2").iops(16000)), "io2-ok");
    assertThat(sim.images(REGION).stream().filter(i -> i.imageId().equals(io2)).findFirst())
        .get()
        .satisfies(i -> assertThat(i.devices().get(0).iops()).isEqualTo(16000));
  }

  @Test
  void tpmAndUefiDataNeedTheUefiBootMode() {
    Consumer<RegisterImageRequest.Builder> gp3 = root(e -> e.volumeType("gp3"));
    assertRefused(
        gp3.andThen(r -> r.bootMode("legacy-bios").tpmSupport("v2.0")),
        "InvalidParameterCombination",
        "uefi");
    assertRefused(gp3.andThen(r -> r.uefiData("AAAA")), "InvalidParameterCombination", "uefi");
    assertRefused(
        gp3.andThen(r -> r.bootMode("uefi").imdsSupport("v1.0")),
        "InvalidParameterValue",
        "ImdsSupport");
    String id =
        register(
            gp3.andThen(
                r -> r.bootMode("uefi").tpmSupport("v2.0").uefiData("AAAA").imdsSupport("v2.0")),
            "uefi-ok");
    SimImage.Attributes attributes =
        sim.images(REGION).stream()
            .filter(i -> i.imageId().equals(id))
            .findFirst()
            .orElseThrow()
            .attributes();
    assertThat(attributes.bootMode()).isEqualTo("uefi");
    assertThat(attributes.tpmSupport()).isEqualTo("v2.0");
    assertThat(attributes.uefiData()).isEqualTo("AAAA");
    assertThat(attributes.imdsSupport()).isEqualTo("v2.0");
  }

  private Consumer<RegisterImageRequest.Builder> root(Consumer<EbsBlockDevice.Builder> ebs) {
    return r ->
        r.architecture("x86_64")
            .virtualizationType("hvm")
            .rootDeviceName("/dev/xvda")
            .blockDeviceMappings(
                BlockDeviceMapping.builder()
                    .deviceName("/dev/xvda")
                    .ebs(ebs.andThen(e -> e.snapshotId(snapshots.get(0))))
                    .build());
  }

  private String register(Consumer<RegisterImageRequest.Builder> request, String name) {
    return ec2.registerImage(request.andThen(r -> r.name(name))).imageId();
  }

  private void assertRefused(
      Consumer<RegisterImageRequest.Builder> request, String code, String messagePart) {
    assertThatThrownBy(() -> register(request, "refused"))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase(messagePart);
            });
  }
}
