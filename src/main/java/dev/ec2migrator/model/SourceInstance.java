package dev.ec2migrator.model;

import java.util.List;
import java.util.Map;

/** What the migrator needs to know of a source instance, from DescribeInstances. */
public record SourceInstance(
    String instanceId,
    String state,
    String instanceType,
    String subnetId,
    String availabilityZone,
    String privateIp,
    String architecture,
    String virtualizationType,
    String kernelId,
    String ramdiskId,
    String rootDeviceName,
    boolean enaSupport,
    String bootMode,
    Map<String, String> tags,
    List<SourceVolume> volumes) {

  public boolean running() {
    return "running".equals(state);
  }

  public String name() {
    return tags.getOrDefault("Name", "");
  }
}
