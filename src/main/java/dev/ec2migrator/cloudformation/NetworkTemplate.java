package dev.ec2migrator.cloudformation;

import java.util.List;

/**
 * The data model of the network stack's template: the source VPCs recreated, with every value the
 * template prints already a {@link YamlString} and every logical id a checked alphanumeric.
 */
public record NetworkTemplate(
    String fileName,
    YamlString description,
    YamlString runId,
    List<VpcModel> vpcs,
    List<SubnetModel> subnets,
    List<GatewayModel> internetGateways,
    List<NatModel> natGateways,
    List<RouteTableModel> routeTables,
    List<GroupModel> securityGroups,
    List<GroupRuleModel> groupRules,
    List<YamlString> notRecreated) {

  public record VpcModel(
      String logicalId,
      YamlString sourceId,
      YamlString cidrBlock,
      boolean enableDnsSupport,
      boolean enableDnsHostnames,
      YamlString name) {}

  public record SubnetModel(
      String logicalId,
      String vpcLogicalId,
      YamlString sourceId,
      YamlString cidrBlock,
      YamlString availabilityZone,
      boolean mapPublicIpOnLaunch,
      YamlString name,
      String outputLogicalId,
      YamlString exportName) {}

  public record GatewayModel(
      String logicalId,
      String attachmentLogicalId,
      String vpcLogicalId,
      YamlString sourceId,
      YamlString name) {}

  /** A NAT gateway needs its VPC's internet gateway attached first. */
  public record NatModel(
      String logicalId,
      String eipLogicalId,
      String subnetLogicalId,
      String dependsOn,
      YamlString sourceId,
      YamlString name) {}

  public record RouteTableModel(
      String logicalId,
      String vpcLogicalId,
      YamlString sourceId,
      YamlString name,
      List<RouteModel> routes,
      List<AssociationModel> associations) {}

  /** Exactly one of gatewayLogicalId and natLogicalId is set. */
  public record RouteModel(
      String logicalId,
      YamlString destinationCidrBlock,
      String gatewayLogicalId,
      String natLogicalId,
      String dependsOn) {}

  public record AssociationModel(String logicalId, String subnetLogicalId) {}

  /**
   * @param egress the CIDR egress rules; never empty: a group whose source allowed no CIDR egress
   *     gets the one rule AWS documents for "no egress" (all protocols to 127.0.0.1/32), since a
   *     group without egress rules would keep CloudFormation's default allow-all
   */
  public record GroupModel(
      String logicalId,
      String vpcLogicalId,
      YamlString sourceId,
      YamlString description,
      YamlString name,
      List<CidrRuleModel> ingress,
      List<CidrRuleModel> egress,
      String outputLogicalId,
      YamlString exportName) {}

  /** Ports are null for all protocols (-1). */
  public record CidrRuleModel(
      YamlString ipProtocol,
      YamlString fromPort,
      YamlString toPort,
      YamlString cidrIp,
      YamlString cidrIpv6,
      YamlString description) {}

  /**
   * A rule between two groups of the network, a resource of its own (groups may refer to each
   * other).
   */
  public record GroupRuleModel(
      String logicalId,
      boolean ingress,
      String groupLogicalId,
      String peerLogicalId,
      YamlString ipProtocol,
      YamlString fromPort,
      YamlString toPort,
      YamlString description) {}

  public int resourceCount() {
    int count = vpcs.size() + subnets.size() + 2 * internetGateways.size() + 2 * natGateways.size();
    for (RouteTableModel t : routeTables) {
      count += 1 + t.routes().size() + t.associations().size();
    }
    return count + securityGroups.size() + groupRules.size();
  }

  public int outputCount() {
    return subnets.size() + securityGroups.size();
  }
}
