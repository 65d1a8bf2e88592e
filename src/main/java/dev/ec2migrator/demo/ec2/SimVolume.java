package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated EBS volume; {@code iops} is null for st1, {@code throughput} only set for gp3. */
public record SimVolume(
    String volumeId,
    String device,
    int sizeGib,
    String volumeType,
    Integer iops,
    Integer throughput,
    Map<String, String> tags) {
  public SimVolume {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  SimVolume withTags(Map<String, String> newTags) {
    return new SimVolume(volumeId, device, sizeGib, volumeType, iops, throughput, newTags);
  }
}
