package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A registered image (always EBS-backed, always "available" at once). */
record ImageRecord(
    String imageId,
    String name,
    String description,
    String architecture,
    String rootDeviceName,
    String virtualizationType,
    String kernelId,
    String ramdiskId,
    Boolean enaSupport,
    String bootMode,
    String sriovNetSupport,
    String tpmSupport,
    String uefiData,
    String imdsSupport,
    List<BlockDevice> blockDevices,
    Instant createdAt,
    long seq) {

  record BlockDevice(
      String deviceName,
      String snapshotId,
      Integer volumeSize,
      String volumeType,
      Boolean deleteOnTermination,
      Integer iops,
      Integer throughput,
      boolean encrypted) {}

  String rootSnapshotId() {
    return blockDevices.stream()
        .filter(b -> b.deviceName().equals(rootDeviceName))
        .map(BlockDevice::snapshotId)
        .findFirst()
        .orElse(null);
  }

  SimImage view() {
    Map<String, String> devices = new LinkedHashMap<>();
    blockDevices.forEach(b -> devices.put(b.deviceName(), b.snapshotId()));
    return new SimImage(
        imageId,
        name,
        rootDeviceName,
        rootSnapshotId(),
        virtualizationType,
        kernelId,
        devices,
        new SimImage.Attributes(
            architecture, bootMode, tpmSupport, uefiData, imdsSupport, enaSupport, sriovNetSupport),
        blockDevices.stream()
            .map(
                b ->
                    new SimImage.Device(
                        b.deviceName(),
                        b.snapshotId(),
                        b.volumeSize(),
                        b.volumeType(),
                        b.iops(),
                        b.throughput(),
                        b.deleteOnTermination()))
            .toList());
  }
}
