package dev.ec2migrator.image;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.SourceVolume;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;

/**
 * What RegisterImage must say for the new image to boot and behave like its source: architecture,
 * boot mode, NitroTPM, the UEFI variable store, IMDSv2, ENA and SR-IOV, and every volume (data
 * volumes too, so they are attached at launch, before fstab is read) with its copied snapshot,
 * type, Iops, Throughput and DeleteOnTermination.
 */
public final class ImageShape {
  private ImageShape() {}

  /**
   * @param kernelId the PV-GRUB kernel for a paravirtual source, else null
   * @param uefiData the source's UEFI variable store (GetInstanceUefiData), or null
   */
  public static void apply(
      RegisterImageRequest.Builder r, InstanceMigration m, String kernelId, String uefiData) {
    SourceInstance source = m.source();
    SourceImageFacts facts = source.imageFacts();
    r.architecture(source.architecture())
        .rootDeviceName(source.rootDeviceName())
        .virtualizationType(source.virtualizationType())
        .blockDeviceMappings(mappings(m));
    if (facts.imdsSupport() != null) {
      r.imdsSupport(facts.imdsSupport());
    }
    if ("paravirtual".equals(source.virtualizationType())) {
      r.kernelId(kernelId);
      return;
    }
    r.enaSupport(source.enaSupport());
    if (source.bootMode() != null) {
      r.bootMode(source.bootMode());
    }
    if (facts.tpmSupport() != null) {
      r.tpmSupport(facts.tpmSupport());
    }
    if (uefiData != null && !uefiData.isEmpty()) {
      r.uefiData(uefiData);
    }
    if (facts.sriovNetSupport() != null) {
      r.sriovNetSupport(facts.sriovNetSupport());
    }
  }

  /** Whether the source keeps a UEFI variable store that its image should carry. */
  public static boolean hasUefiData(SourceInstance source) {
    return "uefi".equals(source.bootMode()) && "hvm".equals(source.virtualizationType());
  }

  /** The root first, then the data volumes, each from its copy in the target region. */
  static List<BlockDeviceMapping> mappings(InstanceMigration m) {
    List<SourceVolume> volumes = m.source().volumes();
    if (volumes.stream().noneMatch(SourceVolume::root)) {
      throw new MigrationException(
          m.instanceId(), "RegisterImage", null, "the instance has no root volume");
    }
    List<BlockDeviceMapping> mappings = new ArrayList<>();
    for (SourceVolume v : volumes) {
      String copy = m.targetSnapshots().get(v.volumeId());
      if (copy == null) {
        throw new MigrationException(
            m.instanceId(), "RegisterImage", null, "no copy of " + v.volumeId() + " to register");
      }
      mappings.add(mapping(v, copy));
    }
    return mappings;
  }

  private static BlockDeviceMapping mapping(SourceVolume v, String copy) {
    String type = v.volumeType();
    return BlockDeviceMapping.builder()
        .deviceName(v.device())
        .ebs(
            e -> {
              e.snapshotId(copy)
                  .volumeSize(v.sizeGib())
                  .volumeType(type)
                  .deleteOnTermination(v.deleteOnTermination());
              // io1/io2 do not launch without their Iops; gp3 would fall back to its baseline
              if ("io1".equals(type) || "io2".equals(type) || "gp3".equals(type)) {
                e.iops(v.iops());
              }
              if ("gp3".equals(type)) {
                e.throughput(v.throughput());
              }
            })
        .build();
  }
}
