package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Address;
import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import java.util.Map;

/**
 * Creates, attaches and deletes internet gateways, Elastic IPs and NAT gateways with EC2's checks
 * and error codes. Callers hold the region's monitor.
 */
final class GatewayOps {
  private final CallContext ctx;
  private final RegionState region;
  private final NetworkState net;
  private final NetworkOps network;

  GatewayOps(CallContext ctx) {
    this.ctx = ctx;
    this.region = ctx.region();
    this.net = region.network;
    this.network = new NetworkOps(ctx);
  }

  InternetGateway createInternetGateway(Map<String, String> tags) {
    InternetGateway g = new InternetGateway(network.newId("igw"), region.nextSeq());
    net.internetGateways.put(g.id, g);
    region.putTags(g.id, tags);
    return g;
  }

  void attachInternetGateway(String gatewayId, String vpcId) {
    InternetGateway g = network.internetGateway(gatewayId);
    network.vpc(vpcId);
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
    InternetGateway g = network.internetGateway(gatewayId);
    if (!vpcId.equals(g.vpcId)) {
      throw new Ec2Exception(
          "Gateway.NotAttached", "resource " + gatewayId + " is not attached to network " + vpcId);
    }
    g.vpcId = null;
  }

  void deleteInternetGateway(String gatewayId) {
    InternetGateway g = network.internetGateway(gatewayId);
    if (g.vpcId != null) {
      throw Ec2Exception.dependencyViolation(
          "The internetGateway '" + gatewayId + "' has dependencies and cannot be deleted.");
    }
    net.internetGateways.remove(gatewayId);
    region.dropTags(gatewayId);
  }

  // --- Elastic IPs and NAT gateways

  Address allocateAddress() {
    long seq = region.nextSeq();
    // TEST-NET-3 (RFC 5737): shown only, never contacted
    Address a = new Address(network.newId("eipalloc"), "203.0.113." + (1 + seq % 254), seq);
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
    Subnet s = network.subnet(subnetId);
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
            network.newId("nat"),
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
    NatGateway g = network.natGateway(id);
    net.natGateways.put(id, g.deletedAt(ctx.now()));
  }
}
