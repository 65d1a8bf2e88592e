package dev.ec2migrator.cloudformation;

/** A template parameter asking the operator for the target subnet of one source subnet. */
public record SubnetParameter(
    String logicalId, String sourceSubnetId, YamlString description, YamlString defaultSubnetId) {

  /**
   * @param targetSubnetId the target subnet the instance list named for this source subnet, or
   *     null: it becomes the parameter's Default
   */
  public static SubnetParameter forSourceSubnet(
      String subnetId, String sourceAz, String targetSubnetId) {
    return new SubnetParameter(
        "TargetSubnetFor" + capitalize(subnetId.replace("-", "")),
        subnetId,
        YamlString.of(
            "Target subnet for the instances from source subnet "
                + subnetId
                + (sourceAz == null ? "" : " (" + sourceAz + ")")),
        targetSubnetId == null ? null : YamlString.of(targetSubnetId));
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
