package dev.ec2migrator.cloudformation;

/** A template parameter asking the operator for the target subnet of one source subnet. */
public record SubnetParameter(String logicalId, String sourceSubnetId, YamlString description) {

  public static SubnetParameter forSourceSubnet(String subnetId, String sourceAz) {
    return new SubnetParameter(
        "TargetSubnetFor" + capitalize(subnetId.replace("-", "")),
        subnetId,
        YamlString.of(
            "Target subnet for the instances from source subnet "
                + subnetId
                + (sourceAz == null ? "" : " (" + sourceAz + ")")));
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
