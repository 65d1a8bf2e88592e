package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable view of a registered image; {@code blockDevices} maps device name to snapshot id. */
public record SimImage(
    String imageId,
    String name,
    String rootDeviceName,
    String rootSnapshotId,
    String virtualizationType,
    String kernelId,
    Map<String, String> blockDevices) {
  public SimImage {
    blockDevices = Collections.unmodifiableMap(new LinkedHashMap<>(blockDevices));
  }
}
