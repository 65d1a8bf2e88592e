package dev.ec2migrator.model;

import java.util.List;
import java.util.Map;

/**
 * What the migrator needs to know of a source instance, from DescribeInstances. {@code bootMode} is
 * the mode the instance booted in (CurrentInstanceBootMode, else the AMI's BootMode): the disk
 * layout follows it, so the new image must boot the same way.
 */
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
    List<SourceVolume> volumes,
    SourceImageFacts imageFacts) {

  public boolean running() {
    return "running".equals(state);
  }

  public String name() {
    return tags.getOrDefault("Name", "");
  }
}
