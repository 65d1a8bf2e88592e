package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The VPC resources of one region; guarded by the {@link RegionState} monitor like the rest. */
final class NetworkState {
  final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
  final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
  final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
  final Map<String, Address> addresses = new LinkedHashMap<>();
  final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();

  static final class Vpc {
    final String id;
    final String cidr;
    final long seq;
    boolean dnsSupport = true;
    boolean dnsHostnames;
    String mainRouteTableId;
    String defaultGroupId;

    Vpc(String id, String cidr, long seq) {
      this.id = id;
      this.cidr = cidr;
      this.seq = seq;
    }
  }

  record Subnet(
      String id,
      String vpcId,
      String cidr,
      String availabilityZone,
      boolean mapPublicIp,
      long seq) {
    Subnet withMapPublicIp(boolean v) {
      return new Subnet(id, vpcId, cidr, availabilityZone, v, seq);
    }
  }

  record Route(String destination, String gatewayId, String natGatewayId, String origin) {}

  record Association(String id, String subnetId, boolean main) {}

  static final class RouteTable {
    final String id;
    final String vpcId;
    final long seq;
    final List<Route> routes = new ArrayList<>();
    final List<Association> associations = new ArrayList<>();

    RouteTable(String id, String vpcId, long seq) {
      this.id = id;
      this.vpcId = vpcId;
      this.seq = seq;
    }
  }

  static final class InternetGateway {
    final String id;
    final long seq;
    String vpcId;

    InternetGateway(String id, long seq) {
      this.id = id;
      this.seq = seq;
    }
  }

  /** A NAT gateway is "pending" until {@code availableAt} and "deleted" once deleted. */
  record NatGateway(
      String id,
      String subnetId,
      String vpcId,
      String allocationId,
      String publicIp,
      String privateIp,
      String connectivityType,
      Instant createTime,
      Instant availableAt,
      Instant deleteTime,
      long seq) {
    String state(Instant now) {
      if (deleteTime != null) {
        return "deleted";
      }
      return now.isBefore(availableAt) ? "pending" : "available";
    }

    NatGateway deletedAt(Instant when) {
      return new NatGateway(
          id,
          subnetId,
          vpcId,
          allocationId,
          publicIp,
          privateIp,
          connectivityType,
          createTime,
          availableAt,
          when,
          seq);
    }
  }

  record Address(String allocationId, String publicIp, long seq) {}

  /** One rule: {@code cidr} or {@code groupId} (a reference to another group) is set. */
  record Rule(
      String ruleId,
      String protocol,
      Integer fromPort,
      Integer toPort,
      String cidr,
      String groupId,
      String description) {
    boolean sameGrant(Rule o) {
      return protocol.equals(o.protocol)
          && java.util.Objects.equals(fromPort, o.fromPort)
          && java.util.Objects.equals(toPort, o.toPort)
          && java.util.Objects.equals(cidr, o.cidr)
          && java.util.Objects.equals(groupId, o.groupId);
    }
  }

  static final class SecurityGroup {
    final String id;
    final String name;
    final String description;
    final String vpcId;
    final long seq;
    final List<Rule> ingress = new ArrayList<>();
    final List<Rule> egress = new ArrayList<>();

    SecurityGroup(String id, String name, String description, String vpcId, long seq) {
      this.id = id;
      this.name = name;
      this.description = description;
      this.vpcId = vpcId;
      this.seq = seq;
    }
  }

  boolean exists(String id) {
    return vpcs.containsKey(id)
        || subnets.containsKey(id)
        || routeTables.containsKey(id)
        || internetGateways.containsKey(id)
        || natGateways.containsKey(id)
        || securityGroups.containsKey(id);
  }
}
