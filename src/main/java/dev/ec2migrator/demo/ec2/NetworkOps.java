package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Address;
import dev.ec2migrator.demo.ec2.NetworkState.Association;
import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.Route;
import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.util.List;
import java.util.Map;

/**
 * Creates, changes and deletes the VPC resources of a region with EC2's checks and error codes.
 * Callers hold the region's monitor. Used by the Query API actions and by the CloudFormation
 * simulator.
 *
 * <p>Size: one method per VPC resource operation, each with the checks EC2 makes; no other job.
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

  private String newId(String prefix) {
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
    RouteTable main = createRouteTable(vpc.id, Map.of());
    main.associations.add(new Association(newId("rtbassoc"), null, true));
    vpc.mainRouteTableId = main.id;
    SecurityGroup dflt =
        createSecurityGroup("default", "default VPC security group", vpc.id, Map.of());
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
      throw dependencyViolation("The vpc '" + vpcId + "' has dependencies and cannot be deleted.");
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
      throw dependencyViolation(
          "The subnet '" + subnetId + "' has dependencies and cannot be deleted.");
    }
    for (RouteTable t : net.routeTables.values()) {
      t.associations.removeIf(a -> subnetId.equals(a.subnetId()));
    }
    net.subnets.remove(subnetId);
    region.dropTags(subnetId);
  }

  // --- route tables

  RouteTable createRouteTable(String vpcId, Map<String, String> tags) {
    Vpc vpc = vpc(vpcId);
    RouteTable t = new RouteTable(newId("rtb"), vpcId, region.nextSeq());
    t.routes.add(new Route(vpc.cidr, "local", null, "CreateRouteTable"));
    net.routeTables.put(t.id, t);
    region.putTags(t.id, tags);
    return t;
  }

  void deleteRouteTable(String id) {
    RouteTable t = routeTable(id);
    if (!t.associations.isEmpty()) {
      throw dependencyViolation(
          "The routeTable '" + id + "' has dependencies and cannot be deleted.");
    }
    net.routeTables.remove(id);
    region.dropTags(id);
  }

  void createRoute(String tableId, String destination, String gatewayId, String natGatewayId) {
    RouteTable t = routeTable(tableId);
    Cidr.parse(destination, "InvalidParameterValue");
    if ((gatewayId == null) == (natGatewayId == null)) {
      throw new Ec2Exception(
          "InvalidParameterCombination", "Exactly one route target (gateway or NAT) is required");
    }
    if (gatewayId != null) {
      InternetGateway g = net.internetGateways.get(gatewayId);
      if (g == null) {
        throw new Ec2Exception(
            "InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
      }
      if (!t.vpcId.equals(g.vpcId)) {
        throw Ec2Exception.invalidParameterValue(
            "route table "
                + tableId
                + " and network gateway "
                + gatewayId
                + " belong to different networks");
      }
    } else {
      NatGateway nat = natGateway(natGatewayId);
      if (!nat.vpcId().equals(t.vpcId)) {
        throw Ec2Exception.invalidParameterValue(
            "route table "
                + tableId
                + " and NAT gateway "
                + natGatewayId
                + " belong to different networks");
      }
    }
    if (t.routes.stream().anyMatch(r -> r.destination().equals(destination))) {
      throw new Ec2Exception(
          "RouteAlreadyExists", "The route identified by " + destination + " already exists.");
    }
    t.routes.add(new Route(destination, gatewayId, natGatewayId, "CreateRoute"));
  }

  void deleteRoute(String tableId, String destination) {
    RouteTable t = routeTable(tableId);
    boolean removed =
        t.routes.removeIf(
            r -> r.destination().equals(destination) && !"local".equals(r.gatewayId()));
    if (!removed) {
      throw new Ec2Exception(
          "InvalidRoute.NotFound",
          "no route with destination-cidr-block " + destination + " in route table " + tableId);
    }
  }

  String associateRouteTable(String tableId, String subnetId) {
    RouteTable t = routeTable(tableId);
    Subnet s = subnet(subnetId);
    if (!s.vpcId().equals(t.vpcId)) {
      throw Ec2Exception.invalidParameterValue(
          "Route table " + tableId + " and subnet " + subnetId + " belong to different networks");
    }
    for (RouteTable other : net.routeTables.values()) {
      if (other.associations.stream().anyMatch(a -> subnetId.equals(a.subnetId()))) {
        throw new Ec2Exception(
            "Resource.AlreadyAssociated",
            "the specified association for route table "
                + other.id
                + " conflicts with an existing association");
      }
    }
    Association a = new Association(newId("rtbassoc"), subnetId, false);
    t.associations.add(a);
    return a.id();
  }

  void disassociateRouteTable(String associationId) {
    for (RouteTable t : net.routeTables.values()) {
      if (t.associations.removeIf(a -> a.id().equals(associationId) && !a.main())) {
        return;
      }
    }
    throw new Ec2Exception(
        "InvalidAssociationID.NotFound",
        "The association ID '" + associationId + "' does not exist");
  }

  // --- internet gateways

  InternetGateway createInternetGateway(Map<String, String> tags) {
    InternetGateway g = new InternetGateway(newId("igw"), region.nextSeq());
    net.internetGateways.put(g.id, g);
    region.putTags(g.id, tags);
    return g;
  }

  void attachInternetGateway(String gatewayId, String vpcId) {
    InternetGateway g = internetGateway(gatewayId);
    vpc(vpcId);
    if (g.vpcId != null) {
      throw new Ec2Exception(
          "Resource.AlreadyAssociated",
          "resource " + gatewayId + " is already attached to network " + g.vpcId);
    }
    if (net.internetGateways.values().stream().anyMatch(o -> vpcId.equals(o.vpcId))) {
      throw new Ec2Exception(
          "Resource.AlreadyAssociated", "network " + vpcId + " already has an internet gateway");
    }
    g.vpcId = vpcId;
  }

  void detachInternetGateway(String gatewayId, String vpcId) {
    InternetGateway g = internetGateway(gatewayId);
    if (!vpcId.equals(g.vpcId)) {
      throw new Ec2Exception(
          "Gateway.NotAttached", "resource " + gatewayId + " is not attached to network " + vpcId);
    }
    g.vpcId = null;
  }

  void deleteInternetGateway(String gatewayId) {
    InternetGateway g = internetGateway(gatewayId);
    if (g.vpcId != null) {
      throw dependencyViolation(
          "The internetGateway '" + gatewayId + "' has dependencies and cannot be deleted.");
    }
    net.internetGateways.remove(gatewayId);
    region.dropTags(gatewayId);
  }

  // --- Elastic IPs and NAT gateways

  Address allocateAddress() {
    long seq = region.nextSeq();
    // TEST-NET-3 (RFC 5737): shown only, never contacted
    Address a = new Address(newId("eipalloc"), "203.0.113." + (1 + seq % 254), seq);
    net.addresses.put(a.allocationId(), a);
    return a;
  }

  void releaseAddress(String allocationId) {
    if (!net.addresses.containsKey(allocationId)) {
      throw new Ec2Exception(
          "InvalidAllocationID.NotFound",
          "The allocation ID '" + allocationId + "' does not exist");
    }
    if (net.natGateways.values().stream()
        .anyMatch(g -> allocationId.equals(g.allocationId()) && g.deleteTime() == null)) {
      throw new Ec2Exception(
          "InvalidIPAddress.InUse", "Address " + allocationId + " is in use by a NAT gateway");
    }
    net.addresses.remove(allocationId);
  }

  NatGateway createNatGateway(
      String subnetId, String allocationId, String connectivityType, Map<String, String> tags) {
    Subnet s = subnet(subnetId);
    String type = connectivityType == null ? "public" : connectivityType;
    Address a = null;
    if (type.equals("public")) {
      a = allocationId == null ? null : net.addresses.get(allocationId);
      if (a == null) {
        throw new Ec2Exception(
            "InvalidAllocationID.NotFound",
            "The allocation ID '" + allocationId + "' does not exist");
      }
    }
    long seq = region.nextSeq();
    String privateIp = Cidr.parse(s.cidr(), "x").host(4 + seq % 200);
    NatGateway g =
        new NatGateway(
            newId("nat"),
            subnetId,
            s.vpcId(),
            a == null ? null : a.allocationId(),
            a == null ? null : a.publicIp(),
            privateIp,
            type,
            ctx.now(),
            Pace.after(ctx, Pace.NAT_GATEWAY_SECONDS),
            null,
            seq);
    net.natGateways.put(g.id(), g);
    region.putTags(g.id(), tags);
    return g;
  }

  void deleteNatGateway(String id) {
    NatGateway g = natGateway(id);
    net.natGateways.put(id, g.deletedAt(ctx.now()));
  }

  // --- security groups

  SecurityGroup createSecurityGroup(
      String name, String description, String vpcId, Map<String, String> tags) {
    vpc(vpcId);
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw Ec2Exception.missingParameter("GroupName");
    }
    if (description == null || description.isEmpty()) {
      throw Ec2Exception.missingParameter("GroupDescription");
    }
    for (SecurityGroup g : net.securityGroups.values()) {
      if (g.vpcId.equals(vpcId) && g.name.equals(name)) {
        throw new Ec2Exception(
            "InvalidGroup.Duplicate",
            "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
      }
    }
    SecurityGroup g = new SecurityGroup(newId("sg"), name, description, vpcId, region.nextSeq());
    // a new group may send anything anywhere until told otherwise
    g.egress.add(new Rule(newId("sgr"), "-1", null, null, "0.0.0.0/0", null, null));
    net.securityGroups.put(g.id, g);
    region.putTags(g.id, tags);
    return g;
  }

  void deleteSecurityGroup(String id) {
    SecurityGroup g = securityGroup(id);
    if (g.name.equals("default")) {
      throw new Ec2Exception(
          "CannotDelete",
          "the specified group: \"" + id + "\" name: \"default\" cannot be deleted");
    }
    boolean referenced =
        net.securityGroups.values().stream()
                .filter(o -> o != g)
                .flatMap(o -> java.util.stream.Stream.concat(o.ingress.stream(), o.egress.stream()))
                .anyMatch(r -> id.equals(r.groupId()))
            || region.launches.entrySet().stream()
                .anyMatch(
                    e ->
                        e.getValue().groupIds().contains(id)
                            && region.instances.containsKey(e.getKey())
                            && !"terminated"
                                .equals(region.instances.get(e.getKey()).instance().state()));
    if (referenced) {
      throw dependencyViolation("resource " + id + " has a dependent object");
    }
    net.securityGroups.remove(id);
    region.dropTags(id);
  }

  /** Adds rules (ids are assigned here); a rule that is already there is refused. */
  List<Rule> authorize(String groupId, boolean egress, List<Rule> rules) {
    SecurityGroup g = securityGroup(groupId);
    List<Rule> target = egress ? g.egress : g.ingress;
    List<Rule> added = new java.util.ArrayList<>();
    for (Rule r : rules) {
      if (r.groupId() != null) {
        securityGroup(r.groupId());
      }
      if (r.cidr() != null) {
        Cidr.parse(r.cidr(), "InvalidParameterValue");
      }
      if (target.stream().anyMatch(r::sameGrant) || added.stream().anyMatch(r::sameGrant)) {
        throw new Ec2Exception(
            "InvalidPermission.Duplicate",
            "the specified rule \"peer: "
                + (r.cidr() != null ? r.cidr() : r.groupId())
                + ", "
                + r.protocol().toUpperCase()
                + ", from port: "
                + r.fromPort()
                + ", to port: "
                + r.toPort()
                + ", ALLOW\" already exists");
      }
      added.add(
          new Rule(
              newId("sgr"),
              r.protocol(),
              r.fromPort(),
              r.toPort(),
              r.cidr(),
              r.groupId(),
              r.description()));
    }
    target.addAll(added);
    return added;
  }

  void revoke(String groupId, boolean egress, List<Rule> rules) {
    SecurityGroup g = securityGroup(groupId);
    List<Rule> target = egress ? g.egress : g.ingress;
    for (Rule r : rules) {
      if (target.stream().noneMatch(r::sameGrant)) {
        throw new Ec2Exception(
            "InvalidPermission.NotFound",
            "The specified rule does not exist in this security group.");
      }
    }
    for (Rule r : rules) {
      target.removeIf(r::sameGrant);
    }
  }

  private static Ec2Exception dependencyViolation(String message) {
    return new Ec2Exception("DependencyViolation", message);
  }
}
