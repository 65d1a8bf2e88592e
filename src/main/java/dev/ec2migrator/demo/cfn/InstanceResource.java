package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.InstanceLaunch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AWS::EC2::Instance: launched from its image with its block devices, complete once running. */
final class InstanceResource {
  private InstanceResource() {}

  static ResourceTypes.Created create(ResourceTypes.Provision p, Props props) {
    String subnet = props.str("SubnetId");
    List<String> groups = new ArrayList<>(props.strings("SecurityGroupIds"));
    String privateIp = props.str("PrivateIpAddress");
    List<Props> interfaces = props.objects("NetworkInterfaces");
    if (!interfaces.isEmpty()) {
      Props primary = interfaces.get(0);
      subnet = subnet != null ? subnet : primary.str("SubnetId");
      groups.addAll(primary.strings("GroupSet"));
      privateIp = privateIp != null ? privateIp : primary.str("PrivateIpAddress");
    }
    if (!props.strings("SecurityGroups").isEmpty()) {
      throw props.invalid(
          "#/SecurityGroups: group names are for default VPCs; use SecurityGroupIds");
    }
    List<InstanceLaunch.Device> devices = new ArrayList<>();
    for (Props m : props.objects("BlockDeviceMappings")) {
      Props ebs = m.object("Ebs");
      devices.add(
          new InstanceLaunch.Device(
              m.required("DeviceName"),
              ebs == null ? null : ebs.str("SnapshotId"),
              ebs == null ? null : ebs.integer("VolumeSize"),
              ebs == null ? null : ebs.str("VolumeType"),
              ebs == null ? null : ebs.integer("Iops"),
              ebs == null ? null : ebs.integer("Throughput"),
              ebs == null ? null : ebs.bool("DeleteOnTermination"),
              m.values().containsKey("NoDevice")));
    }
    String id =
        p.ec2()
            .runInstance(
                p.region(),
                new InstanceLaunch(
                    props.required("ImageId"),
                    props.str("InstanceType"),
                    subnet,
                    privateIp,
                    groups,
                    props.str("KeyName"),
                    props.str("IamInstanceProfile"),
                    devices,
                    p.tags(props),
                    Map.of()));
    String zone = props.str("AvailabilityZone");
    if (zone != null) {
      String actual = p.ec2().attributes(p.region(), id).get("AvailabilityZone");
      if (!zone.equals(actual)) {
        p.ec2().terminateInstance(p.region(), id);
        throw new Props.Failure(
            "The subnet is in " + actual + ", not in the AvailabilityZone " + zone + " given");
      }
    }
    p.waitReady(id);
    for (Props v : props.objects("Volumes")) {
      p.ec2().attachVolume(p.region(), v.required("VolumeId"), id, v.required("Device"));
    }
    return ResourceTypes.Created.of(id);
  }

  static void delete(ResourceTypes.Provision p, ResourceTypes.Created c, Props props) {
    p.ec2().terminateInstance(p.region(), c.physicalId());
  }
}
