package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Association;
import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.util.Map;

/**
 * Finds the VPC resources of a region with EC2's NotFound answers, and creates, changes and deletes
 * VPCs and subnets with EC2's checks and error codes; {@link RouteOps}, {@link GatewayOps} and
 * {@link SecurityGroupOps} do the rest of the network. Callers hold the region's monitor. Used by
 * the Query API actions and by the CloudFormation simulator.
 */
final class NetworkOps {
  private final CallContext ctx;
  private final RegionState region;
  private final NetworkState net;

  NetworkOps(CallContext ctx) {
    this.ctx = ctx;
    this.region = ctx.region();
    this.net = region.network;
  }

  /** A new id of this kind, as EC2 numbers them. */
  String newId(String prefix) {
    return ctx.world().ids.next(prefix);
  }

  // --- lookups with EC2's NotFound answers

  Vpc vpc(String id) {
    Vpc v = id == null ? null : net.vpcs.get(id);
    if (v == null) {
      throw new Ec2Exception("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
    }
    return v;
  }

  Subnet subnet(String id) {
    Subnet s = id == null ? null : net.subnets.get(id);
    if (s == null) {
      throw new Ec2Exception(
          "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
    }
    return s;
  }

  RouteTable routeTable(String id) {
    RouteTable t = id == null ? null : net.routeTables.get(id);
    if (t == null) {
      throw new Ec2Exception(
          "InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
    }
    return t;
  }

  InternetGateway internetGateway(String id) {
    InternetGateway g = id == null ? null : net.internetGateways.get(id);
    if (g == null) {
      throw new Ec2Exception(
          "InvalidInternetGatewayID.NotFound",
          "The internetGateway ID '" + id + "' does not exist");
    }
    return g;
  }

  NatGateway natGateway(String id) {
    NatGateway g = id == null ? null : net.natGateways.get(id);
    if (g == null || g.deleteTime() != null) {
      throw new Ec2Exception("NatGatewayNotFound", "The Nat Gateway " + id + " was not found");
    }
    return g;
  }

  SecurityGroup securityGroup(String id) {
    SecurityGroup g = id == null ? null : net.securityGroups.get(id);
    if (g == null) {
      throw new Ec2Exception(
          "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    }
    return g;
  }

  // --- VPCs

  Vpc createVpc(String cidrText, Map<String, String> tags) {
    Cidr cidr = Cidr.parse(cidrText, "InvalidVpc.Range");
    // a VPC's block is /16 to /28
    if (cidr.prefix() < 16 || cidr.prefix() > 28) {
      throw new Ec2Exception("InvalidVpc.Range", "The CIDR '" + cidrText + "' is invalid.");
    }
    Vpc vpc = new Vpc(newId("vpc"), cidr.toString(), region.nextSeq());
    net.vpcs.put(vpc.id, vpc);
    region.putTags(vpc.id, tags);
    // every VPC comes with its main route table and its default security group
    RouteTable main = new RouteOps(ctx).createRouteTable(vpc.id, Map.of());
    main.associations.add(new Association(newId("rtbassoc"), null, true));
    vpc.mainRouteTableId = main.id;
    SecurityGroup dflt =
        new SecurityGroupOps(ctx)
            .createSecurityGroup("default", "default VPC security group", vpc.id, Map.of());
    dflt.ingress.add(new Rule(newId("sgr"), "-1", null, null, null, dflt.id, null));
    vpc.defaultGroupId = dflt.id;
    return vpc;
  }

  void modifyVpcAttribute(String vpcId, Boolean dnsSupport, Boolean dnsHostnames) {
    Vpc vpc = vpc(vpcId);
    if ((dnsSupport == null) == (dnsHostnames == null)) {
      throw Ec2Exception.invalidParameterValue(
          "Exactly one of EnableDnsSupport or EnableDnsHostnames must be given");
    }
    boolean support = dnsSupport == null ? vpc.dnsSupport : dnsSupport;
    boolean hostnames = dnsHostnames == null ? vpc.dnsHostnames : dnsHostnames;
    // DNS hostnames need DNS resolution
    if (hostnames && !support) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "Cannot enable DNS hostnames without also enabling DNS support");
    }
    vpc.dnsSupport = support;
    vpc.dnsHostnames = hostnames;
  }

  void deleteVpc(String vpcId) {
    Vpc vpc = vpc(vpcId);
    boolean dependencies =
        net.subnets.values().stream().anyMatch(s -> s.vpcId().equals(vpcId))
            || net.internetGateways.values().stream().anyMatch(g -> vpcId.equals(g.vpcId))
            || net.securityGroups.values().stream()
                .anyMatch(g -> g.vpcId.equals(vpcId) && !g.id.equals(vpc.defaultGroupId))
            || net.routeTables.values().stream()
                .anyMatch(t -> t.vpcId.equals(vpcId) && !t.id.equals(vpc.mainRouteTableId));
    if (dependencies) {
      throw Ec2Exception.dependencyViolation(
          "The vpc '" + vpcId + "' has dependencies and cannot be deleted.");
    }
    net.routeTables.remove(vpc.mainRouteTableId);
    net.securityGroups.remove(vpc.defaultGroupId);
    net.vpcs.remove(vpcId);
    region.dropTags(vpcId);
  }

  // --- subnets

  Subnet createSubnet(String vpcId, String cidrText, String az, Map<String, String> tags) {
    Vpc vpc = vpc(vpcId);
    Cidr cidr = Cidr.parse(cidrText, "InvalidSubnet.Range");
    Cidr vpcCidr = Cidr.parse(vpc.cidr, "InvalidVpc.Range");
    // a subnet is /16 to /28 and inside its VPC's block
    if (cidr.prefix() < 16 || cidr.prefix() > 28 || !vpcCidr.contains(cidr)) {
      throw new Ec2Exception("InvalidSubnet.Range", "The CIDR '" + cidrText + "' is invalid.");
    }
    for (Subnet other : net.subnets.values()) {
      if (other.vpcId().equals(vpcId) && Cidr.parse(other.cidr(), "x").overlaps(cidr)) {
        throw new Ec2Exception(
            "InvalidSubnet.Conflict", "The CIDR '" + cidrText + "' conflicts with another subnet");
      }
    }
    String zone = az == null || az.isEmpty() ? ctx.regionName() + "a" : az;
    if (!zone.startsWith(ctx.regionName())
        || !RegionActions.ZONE_LETTERS.contains(zone.substring(ctx.regionName().length()))) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + zone + ") for parameter availabilityZone is invalid.");
    }
    Subnet s = new Subnet(newId("subnet"), vpcId, cidr.toString(), zone, false, region.nextSeq());
    net.subnets.put(s.id(), s);
    region.putTags(s.id(), tags);
    return s;
  }

  void modifySubnetAttribute(String subnetId, boolean mapPublicIp) {
    Subnet s = subnet(subnetId);
    net.subnets.put(subnetId, s.withMapPublicIp(mapPublicIp));
  }

  void deleteSubnet(String subnetId) {
    subnet(subnetId);
    boolean used =
        region.instances.values().stream()
                .anyMatch(
                    r ->
                        subnetId.equals(r.instance().subnetId())
                            && !"terminated".equals(r.instance().state()))
            || net.natGateways.values().stream()
                .anyMatch(g -> g.subnetId().equals(subnetId) && g.deleteTime() == null);
    if (used) {
      throw Ec2Exception.dependencyViolation(
          "The subnet '" + subnetId + "' has dependencies and cannot be deleted.");
    }
    for (RouteTable t : net.routeTables.values()) {
      t.associations.removeIf(a -> subnetId.equals(a.subnetId()));
    }
    net.subnets.remove(subnetId);
    region.dropTags(subnetId);
  }
}
