package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated EBS volume; {@code iops} is null for st1, {@code throughput} only set for gp3, {@code
 * kmsKeyId} (the key's ARN) only for an encrypted volume.
 */
public record SimVolume(
    String volumeId,
    String device,
    int sizeGib,
    String volumeType,
    Integer iops,
    Integer throughput,
    Map<String, String> tags,
    String kmsKeyId) {
  public SimVolume {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** An unencrypted volume. */
  public SimVolume(
      String volumeId,
      String device,
      int sizeGib,
      String volumeType,
      Integer iops,
      Integer throughput,
      Map<String, String> tags) {
    this(volumeId, device, sizeGib, volumeType, iops, throughput, tags, null);
  }

  public boolean encrypted() {
    return kmsKeyId != null;
  }

  SimVolume withTags(Map<String, String> newTags) {
    return new SimVolume(
        volumeId, device, sizeGib, volumeType, iops, throughput, newTags, kmsKeyId);
  }

  SimVolume withDevice(String newDevice) {
    return new SimVolume(
        volumeId, newDevice, sizeGib, volumeType, iops, throughput, tags, kmsKeyId);
  }
}
