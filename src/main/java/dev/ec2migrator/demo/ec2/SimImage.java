package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable view of a registered image; {@code blockDevices} maps device name to snapshot id,
 * {@code devices} are the full mappings.
 */
public record SimImage(
    String imageId,
    String name,
    String rootDeviceName,
    String rootSnapshotId,
    String virtualizationType,
    String kernelId,
    Map<String, String> blockDevices,
    Attributes attributes,
    List<Device> devices) {
  public SimImage {
    blockDevices = Collections.unmodifiableMap(new LinkedHashMap<>(blockDevices));
    devices = List.copyOf(devices);
  }

  /** What RegisterImage was told of how the image boots. */
  public record Attributes(
      String architecture,
      String bootMode,
      String tpmSupport,
      String uefiData,
      String imdsSupport,
      Boolean enaSupport,
      String sriovNetSupport) {}

  /** One block device mapping as RegisterImage was given it (with AWS's defaults filled in). */
  public record Device(
      String deviceName,
      String snapshotId,
      Integer volumeSize,
      String volumeType,
      Integer iops,
      Integer throughput,
      Boolean deleteOnTermination) {}
}
