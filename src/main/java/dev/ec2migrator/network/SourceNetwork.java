package dev.ec2migrator.network;

import java.util.List;
import java.util.Map;

/**
 * What a run's instances sit in at the source, as described when the run's template is first
 * rendered and kept in outbox/&lt;run&gt;.network.json (so that later renders need no AWS access,
 * and an operator can edit, e.g., a target availability zone). Names and descriptions are the
 * source's own text: data, never template code.
 */
public record SourceNetwork(
    String sourceRegion,
    List<Vpc> vpcs,
    List<Subnet> subnets,
    List<RouteTable> routeTables,
    List<InternetGateway> internetGateways,
    List<NatGateway> natGateways,
    List<SecurityGroup> securityGroups,
    Map<String, InstanceNetwork> instances) {

  public record Vpc(
      String vpcId,
      String cidrBlock,
      boolean enableDnsSupport,
      boolean enableDnsHostnames,
      String name) {}

  /**
   * @param targetAvailabilityZone where the copy goes: the source zone's index among the source
   *     region's zones, mapped onto the target region's zones (migrator.network.az-map overrides)
   */
  public record Subnet(
      String subnetId,
      String vpcId,
      String cidrBlock,
      String availabilityZone,
      String targetAvailabilityZone,
      boolean mapPublicIpOnLaunch,
      String name) {}

  /**
   * @param subnetIds the subnets it serves: its explicit associations, plus for the main table the
   *     subnets that have none
   */
  public record RouteTable(
      String routeTableId,
      String vpcId,
      boolean main,
      List<String> subnetIds,
      List<Route> routes,
      String name) {}

  /** One route; exactly one target is set. Targets we cannot recreate are in {@code other}. */
  public record Route(
      String destinationCidrBlock, String internetGatewayId, String natGatewayId, String other) {}

  public record InternetGateway(String internetGatewayId, String vpcId, String name) {}

  public record NatGateway(String natGatewayId, String subnetId, String vpcId, String name) {}

  public record SecurityGroup(
      String groupId,
      String vpcId,
      String groupName,
      String description,
      List<Rule> ingress,
      List<Rule> egress,
      String name) {}

  /**
   * One permission for one peer: a CIDR, an IPv6 CIDR, another group of the network, or something
   * we cannot recreate (a prefix list, a group of another account), which is in {@code other}.
   */
  public record Rule(
      String ipProtocol,
      Integer fromPort,
      Integer toPort,
      String cidrIp,
      String cidrIpv6,
      String groupId,
      String other,
      String description) {}

  public record InstanceNetwork(
      String instanceId,
      String subnetId,
      List<String> securityGroupIds,
      String keyName,
      String instanceProfileArn) {}
}
