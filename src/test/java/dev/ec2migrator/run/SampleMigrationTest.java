package dev.ec2migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.demo.ec2.SimImage;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.demo.ssh.HostEvent;
import dev.ec2migrator.demo.ssh.SimHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample list of the README's demo, end to end, checked against both simulators. */
class SampleMigrationTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final String BUSY = "i-d1789ea98a553ee88";
  private static final String PARTITIONED = "i-5de96ec40b6c20641";
  private static final String I386 = "i-3fb96e379503688eb";
  private static final String IO2_ROOT = "i-e1c9881e1cd3b97c1";
  private static final String UEFI_TPM = "i-7316b6e0a5500f8d9";

  /** The sample's sources RegisterImage cannot reproduce, with what their reason names. */
  private static final Map<String, String> REFUSED =
      Map.of(
          "i-b523b0f68c1e2bcbe", "Windows",
          "i-2cb2b4e32e75276a7", "billing product Red Hat Enterprise Linux",
          "i-af94deb1e43056e7a", "marketplace product code 8fhzvbq2cx6pjxc7ypj3pqdnl");

  private MigrationRun run;
  private List<Map<String, String>> rows;
  private Map<String, SimInstance> fleet;

  @BeforeEach
  void runTheSampleOnce() throws Exception {
    if (run != null) {
      return;
    }
    run = migrate("sample-instances.csv", Files.readString(Path.of("config/sample-instances.csv")));
    rows = readCsv(run.csvFile());
    fleet =
        java.util.stream.Stream.concat(world().fleet().stream(), world().sampleSources().stream())
            .collect(Collectors.toMap(SimInstance::instanceId, Function.identity()));
  }

  @Test
  void theCsvStartsWithTheHeaderOperatorsAndTheTemplatingRouteRelyOn() throws Exception {
    // the published column order: spreadsheets and scripts of operators address cells by position
    assertThat(Files.readString(run.csvFile()))
        .startsWith(
            "run_id,source_region,source_instance_id,instance_name,instance_type,source_subnet_id,"
                + "source_az,private_ip,device,is_root,source_volume_id,volume_size_gib,volume_type,"
                + "iops,throughput,source_snapshot_id,target_region,target_snapshot_id,"
                + "target_image_id,status,error,frozen_ms,started_at,finished_at,target_subnet_id,"
                + "downtime_ms,downtime_to_running_ms,source_state"
                + "\r\nsample-");
  }

  @Test
  void everyVolumeOfEveryMigratedInstanceHasExactlyOneRowAndItsCopy() {
    assertThat(run.migrations()).hasSize(17);
    Map<String, SimSnapshot> copies =
        world().ec2().snapshots(TARGET).stream()
            .collect(Collectors.toMap(SimSnapshot::snapshotId, Function.identity()));
    for (var m : run.migrations()) {
      if (m.instanceId().equals(BUSY) || REFUSED.containsKey(m.instanceId())) {
        continue;
      }
      SimInstance instance = fleet.get(m.instanceId());
      List<Map<String, String>> own =
          rows.stream().filter(r -> r.get("source_instance_id").equals(m.instanceId())).toList();
      assertThat(own)
          .extracting(r -> r.get("source_volume_id"))
          .containsExactlyInAnyOrderElementsOf(
              instance.volumes().stream().map(SimVolume::volumeId).toList());
      for (Map<String, String> row : own) {
        assertThat(row.get("status")).isEqualTo("MIGRATED");
        SimSnapshot copy = copies.get(row.get("target_snapshot_id"));
        assertThat(copy).as("copy of %s", row.get("source_volume_id")).isNotNull();
        assertThat(copy.state()).isEqualTo("completed");
        assertThat(copy.sourceSnapshotId()).isEqualTo(row.get("source_snapshot_id"));
        assertThat(copy.tags())
            .containsEntry(MigrationTags.RUN, run.runId())
            .containsEntry(MigrationTags.SOURCE_INSTANCE, m.instanceId())
            .containsEntry(MigrationTags.SOURCE_VOLUME, row.get("source_volume_id"))
            .containsEntry(MigrationTags.SOURCE_SNAPSHOT, row.get("source_snapshot_id"))
            .containsEntry(MigrationTags.DEVICE, row.get("device"));
      }
    }
  }

  @Test
  void eachImageBootsFromTheCopyOfItsRootVolume() {
    Map<String, SimImage> images =
        world().ec2().images(TARGET).stream()
            .collect(Collectors.toMap(SimImage::imageId, Function.identity()));
    rows.stream()
        .filter(r -> r.get("status").equals("MIGRATED") && r.get("is_root").equals("true"))
        .forEach(
            root -> {
              SimImage image = images.get(root.get("target_image_id"));
              SimInstance instance = fleet.get(root.get("source_instance_id"));
              assertThat(image).isNotNull();
              assertThat(image.rootDeviceName()).isEqualTo(instance.rootDeviceName());
              assertThat(image.rootSnapshotId()).isEqualTo(root.get("target_snapshot_id"));
              assertThat(image.virtualizationType()).isEqualTo(instance.virtualizationType());
              // tagged by RegisterImage itself: no separate CreateTags call
              assertThat(world().ec2().tags(TARGET, image.imageId()))
                  .containsEntry(MigrationTags.RUN, root.get("run_id"))
                  .containsEntry(MigrationTags.SOURCE_INSTANCE, instance.instanceId())
                  .containsEntry("Name", instance.tags().get("Name"));
              if ("paravirtual".equals(instance.virtualizationType())) {
                // the target region's newest PV-GRUB for the host's architecture and the layout
                // its menu.lst shows (hd00 on the OEL 5.5 style host)
                String layout = instance.instanceId().equals(PARTITIONED) ? "hd00" : "hd0";
                assertThat(world().ec2().kernelName(TARGET, image.kernelId()))
                    .isEqualTo("pv-grub-" + layout + "_1.05-" + instance.architecture() + ".gz");
              }
            });
    assertThat(fleet.get(I386).architecture()).isEqualTo("i386");
    assertThat(
            rows.stream()
                .filter(r -> r.get("is_root").equals("true") && r.get("status").equals("MIGRATED"))
                .map(r -> fleet.get(r.get("source_instance_id")))
                .filter(i -> "paravirtual".equals(i.virtualizationType()))
                .map(SimInstance::architecture))
        .contains("i386", "x86_64");
    assertThat(world().ec2().counters().calls(TARGET, "CreateTags")).isZero();
    assertThat(
            rows.stream()
                .filter(r -> r.get("status").equals("MIGRATED"))
                .map(r -> r.get("source_instance_id"))
                .distinct())
        .hasSize(13);
  }

  @Test
  void imagesCarryEveryVolumeAndTheBootAttributesOfTheirSource() {
    Map<String, SimImage> images =
        world().ec2().images(TARGET).stream()
            .collect(Collectors.toMap(SimImage::imageId, Function.identity()));
    Map<String, List<Map<String, String>>> byInstance =
        rows.stream()
            .filter(r -> r.get("status").equals("MIGRATED"))
            .collect(Collectors.groupingBy(r -> r.get("source_instance_id")));
    byInstance.forEach(
        (instanceId, own) -> {
          SimImage image = images.get(own.get(0).get("target_image_id"));
          // data volumes are in the image: attached at launch, before fstab is read
          assertThat(image.devices())
              .extracting(SimImage.Device::deviceName, SimImage.Device::snapshotId)
              .containsExactlyInAnyOrderElementsOf(
                  own.stream()
                      .map(
                          r ->
                              org.assertj.core.groups.Tuple.tuple(
                                  r.get("device"), r.get("target_snapshot_id")))
                      .toList());
          for (SimImage.Device d : image.devices()) {
            boolean root = d.deviceName().equals(image.rootDeviceName());
            assertThat(d.deleteOnTermination())
                .as("%s %s", instanceId, d.deviceName())
                .isEqualTo(root);
          }
        });
    SimImage io2 = imageOf(images, IO2_ROOT);
    assertThat(device(io2, "/dev/sda1"))
        .extracting(SimImage.Device::volumeType, SimImage.Device::iops, SimImage.Device::throughput)
        .containsExactly("io2", 16000, null);
    assertThat(device(io2, "/dev/sdf"))
        .extracting(SimImage.Device::volumeType, SimImage.Device::iops, SimImage.Device::throughput)
        .containsExactly("gp3", 3000, 125);
    assertThat(io2.attributes())
        .extracting(a -> a.bootMode(), a -> a.tpmSupport(), a -> a.uefiData(), a -> a.enaSupport())
        .containsExactly("legacy-bios", null, null, true);
    SimImage secure = imageOf(images, UEFI_TPM);
    assertThat(device(secure, "/dev/sda1"))
        .extracting(SimImage.Device::volumeType, SimImage.Device::iops, SimImage.Device::throughput)
        .containsExactly("gp3", 4000, 250);
    assertThat(secure.attributes().bootMode()).isEqualTo("uefi");
    assertThat(secure.attributes().tpmSupport()).isEqualTo("v2.0");
    assertThat(secure.attributes().imdsSupport()).isEqualTo("v2.0");
    assertThat(secure.attributes().architecture()).isEqualTo("x86_64");
    // the variable store GetInstanceUefiData gave, byte for byte
    assertThat(new String(java.util.Base64.getDecoder().decode(secure.attributes().uefiData())))
        .isEqualTo("ec2-region-migrator demo UEFI variable store of secure");
    // asked only for the uefi source
    assertThat(world().ec2().counters().calls(SOURCE, "GetInstanceUefiData")).isEqualTo(1);
  }

  @Test
  void windowsLicensedAndMarketplaceSourcesFailBeforeAnythingIsSpent() {
    REFUSED.forEach(
        (instanceId, reason) -> {
          assertThat(rows)
              .filteredOn(r -> r.get("source_instance_id").equals(instanceId))
              .isNotEmpty()
              .allSatisfy(
                  r -> {
                    assertThat(r.get("status")).isEqualTo("FAILED");
                    assertThat(r.get("error")).contains("preflight image-source").contains(reason);
                    assertThat(r.get("source_snapshot_id")).isEmpty();
                  });
          assertThat(world().ssh().host(instanceId).events())
              .as("%s never frozen", instanceId)
              .isEmpty();
          assertThat(world().ec2().snapshots(SOURCE))
              .noneMatch(s -> instanceId.equals(s.tags().get(MigrationTags.SOURCE_INSTANCE)));
        });
  }

  private SimImage imageOf(Map<String, SimImage> images, String instanceId) {
    return images.get(
        rows.stream()
            .filter(r -> r.get("source_instance_id").equals(instanceId))
            .findFirst()
            .orElseThrow()
            .get("target_image_id"));
  }

  private static SimImage.Device device(SimImage image, String device) {
    return image.devices().stream()
        .filter(d -> d.deviceName().equals(device))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void runningHostsWereFrozenWhileTheirSnapshotWasTakenAndAreAllReleased() {
    Map<String, SimSnapshot> sources =
        world().ec2().snapshots(SOURCE).stream()
            .collect(Collectors.toMap(SimSnapshot::snapshotId, Function.identity()));
    for (var m : run.migrations()) {
      SimInstance instance = fleet.get(m.instanceId());
      SimHost host = world().ssh().host(m.instanceId());
      if (!instance.running()) {
        assertThat(host.events())
            .as("stopped %s is never touched over SSH", m.instanceId())
            .isEmpty();
        continue;
      }
      if (m.instanceId().equals(BUSY) || REFUSED.containsKey(m.instanceId())) {
        continue;
      }
      // quiesce auto: fsfreeze where the host has it, remount on the old paravirtual ones
      boolean old = "paravirtual".equals(instance.virtualizationType());
      Instant frozen = first(host, old ? HostEvent.Kind.REMOUNT_RO : HostEvent.Kind.FREEZE);
      Instant released = last(host, old ? HostEvent.Kind.REMOUNT_RW : HostEvent.Kind.THAW);
      for (String snapshotId : m.sourceSnapshots().values()) {
        Instant created = sources.get(snapshotId).createdAt();
        assertThat(created)
            .as("snapshot of %s after the freeze", m.instanceId())
            .isAfterOrEqualTo(frozen);
        assertThat(created)
            .as("snapshot of %s before the thaw", m.instanceId())
            .isBeforeOrEqualTo(released);
      }
      assertThat(m.frozenMs()).isPositive();
    }
    assertThat(world().ssh().quiescedHosts()).isEmpty();
  }

  @Test
  void aBusyHostFailsWithItsReasonAndTheRestOfTheFleetCompletes() {
    List<Map<String, String>> busy =
        rows.stream().filter(r -> r.get("source_instance_id").equals(BUSY)).toList();
    assertThat(busy)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.get("status")).isEqualTo("FAILED");
              assertThat(r.get("error")).contains("exit 32").contains("busy");
              assertThat(r.get("target_snapshot_id")).isEmpty();
            });
    assertThat(run.failedCount()).isEqualTo(1 + REFUSED.size());
    assertThat(world().ssh().host(BUSY).isQuiesced()).isFalse();
  }

  @Test
  void theSameListAgainResumesWithoutASecondSnapshotOrCopy() throws Exception {
    var counters = world().ec2().counters();
    long snapshots = counters.calls(SOURCE, "CreateSnapshots");
    long copies = counters.calls(TARGET, "CopySnapshot");
    long images = counters.calls(TARGET, "RegisterImage");
    int sourceSnapshots = world().ec2().snapshots(SOURCE).size();
    SnapshotTracker tracker =
        context.getRegistry().lookupByNameAndType("snapshotTracker", SnapshotTracker.class);
    // a finished run is forgotten (a service runs list after list), so the rerun finds its
    // snapshots and copies in EC2 again, by their tags
    assertThat(tracker.knownCount()).isZero();

    MigrationRun again =
        migrate("sample-instances.csv", Files.readString(Path.of("config/sample-instances.csv")));

    assertThat(again.runId()).isEqualTo(run.runId());
    assertThat(tracker.knownCount()).isZero();
    assertThat(counters.calls(SOURCE, "CreateSnapshots")).isEqualTo(snapshots);
    assertThat(counters.calls(TARGET, "CopySnapshot")).isEqualTo(copies);
    assertThat(counters.calls(TARGET, "RegisterImage")).isEqualTo(images);
    assertThat(world().ec2().snapshots(SOURCE)).hasSize(sourceSnapshots);
    assertThat(readCsv(again.csvFile()))
        .filteredOn(r -> r.get("status").equals("MIGRATED"))
        .extracting(r -> r.get("target_snapshot_id"))
        .containsExactlyInAnyOrderElementsOf(
            rows.stream()
                .filter(r -> r.get("status").equals("MIGRATED"))
                .map(r -> r.get("target_snapshot_id"))
                .toList());
  }

  private static Instant first(SimHost host, HostEvent.Kind kind) {
    return host.events().stream()
        .filter(e -> e.kind() == kind)
        .map(HostEvent::at)
        .min(Instant::compareTo)
        .orElseThrow();
  }

  private static Instant last(SimHost host, HostEvent.Kind kind) {
    return host.events().stream()
        .filter(e -> e.kind() == kind)
        .map(HostEvent::at)
        .max(Instant::compareTo)
        .orElseThrow();
  }
}
