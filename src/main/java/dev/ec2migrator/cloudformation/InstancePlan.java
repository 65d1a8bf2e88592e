package dev.ec2migrator.cloudformation;

import java.util.List;

/** An instance to recreate from its registered image, with its data volumes. */
public record InstancePlan(
    String sourceInstanceId,
    String logicalId,
    String outputLogicalId,
    SubnetParameter subnet,
    YamlString sourceId,
    YamlString imageId,
    YamlString instanceType,
    YamlString name,
    YamlString privateIp,
    YamlString outputDescription,
    List<VolumePlan> volumes,
    InstanceNetworkPlan network) {

  /** The same instance placed in the recreated network. */
  public InstancePlan withNetwork(InstanceNetworkPlan placement) {
    return new InstancePlan(
        sourceInstanceId,
        logicalId,
        outputLogicalId,
        subnet,
        sourceId,
        imageId,
        instanceType,
        name,
        privateIp,
        outputDescription,
        volumes,
        placement);
  }

  /** The instance alone: its data volumes are block device mappings of it. */
  public int resourceCount() {
    return 1;
  }
}
