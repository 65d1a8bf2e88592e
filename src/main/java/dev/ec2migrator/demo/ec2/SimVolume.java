package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated EBS volume; {@code iops} is null for st1, {@code throughput} only set for gp3, {@code
 * kmsKeyId} (the key's ARN) only for an encrypted volume. {@code changeRatePerHour} is the fraction
 * of its size its host changes per simulated hour while running (0 = a volume nothing writes to).
 */
public record SimVolume(
    String volumeId,
    String device,
    int sizeGib,
    String volumeType,
    Integer iops,
    Integer throughput,
    Map<String, String> tags,
    String kmsKeyId,
    double changeRatePerHour) {
  public SimVolume {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    if (changeRatePerHour < 0) {
      throw new IllegalArgumentException("changeRatePerHour must be >= 0");
    }
  }

  /** A volume nothing writes to. */
  public SimVolume(
      String volumeId,
      String device,
      int sizeGib,
      String volumeType,
      Integer iops,
      Integer throughput,
      Map<String, String> tags,
      String kmsKeyId) {
    this(volumeId, device, sizeGib, volumeType, iops, throughput, tags, kmsKeyId, 0);
  }

  /** An unencrypted volume nothing writes to. */
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

  /** GiB its host changes per simulated hour while running. */
  public double changedGibPerHour() {
    return changeRatePerHour * sizeGib;
  }

  SimVolume withTags(Map<String, String> newTags) {
    return new SimVolume(
        volumeId,
        device,
        sizeGib,
        volumeType,
        iops,
        throughput,
        newTags,
        kmsKeyId,
        changeRatePerHour);
  }

  SimVolume withDevice(String newDevice) {
    return new SimVolume(
        volumeId,
        newDevice,
        sizeGib,
        volumeType,
        iops,
        throughput,
        tags,
        kmsKeyId,
        changeRatePerHour);
  }

  SimVolume withKmsKey(String keyArn) {
    return new SimVolume(
        volumeId, device, sizeGib, volumeType, iops, throughput, tags, keyArn, changeRatePerHour);
  }

  SimVolume withChangeRate(double ratePerHour) {
    return new SimVolume(
        volumeId, device, sizeGib, volumeType, iops, throughput, tags, kmsKeyId, ratePerHour);
  }
}
