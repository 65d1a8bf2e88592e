package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;

/**
 * One instance to launch, as RunInstances or an AWS::EC2::Instance resource asks for it; null
 * fields take EC2's defaults.
 */
public record InstanceLaunch(
    String imageId,
    String instanceType,
    String subnetId,
    String privateIp,
    List<String> groupIds,
    String keyName,
    String iamInstanceProfile,
    List<Device> devices,
    Map<String, String> tags,
    Map<String, String> volumeTags) {

  /** One block device of the launch: changes or adds to the image's mapping, or removes it. */
  public record Device(
      String deviceName,
      String snapshotId,
      Integer volumeSize,
      String volumeType,
      Integer iops,
      Integer throughput,
      Boolean deleteOnTermination,
      boolean noDevice) {}
}
