package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Association;
import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.Route;
import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.util.Map;

/**
 * Creates and deletes route tables, their routes and subnet associations with EC2's checks and
 * error codes. Callers hold the region's monitor.
 */
final class RouteOps {
  private final RegionState region;
  private final NetworkState net;
  private final NetworkOps network;

  RouteOps(CallContext ctx) {
    this.region = ctx.region();
    this.net = region.network;
    this.network = new NetworkOps(ctx);
  }

  RouteTable createRouteTable(String vpcId, Map<String, String> tags) {
    Vpc vpc = network.vpc(vpcId);
    RouteTable t = new RouteTable(network.newId("rtb"), vpcId, region.nextSeq());
    t.routes.add(new Route(vpc.cidr, "local", null, "CreateRouteTable"));
    net.routeTables.put(t.id, t);
    region.putTags(t.id, tags);
    return t;
  }

  void deleteRouteTable(String id) {
    RouteTable t = network.routeTable(id);
    if (!t.associations.isEmpty()) {
      throw Ec2Exception.dependencyViolation(
          "The routeTable '" + id + "' has dependencies and cannot be deleted.");
    }
    net.routeTables.remove(id);
    region.dropTags(id);
  }

  void createRoute(String tableId, String destination, String gatewayId, String natGatewayId) {
    RouteTable t = network.routeTable(tableId);
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
      NatGateway nat = network.natGateway(natGatewayId);
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
    RouteTable t = network.routeTable(tableId);
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
    RouteTable t = network.routeTable(tableId);
    Subnet s = network.subnet(subnetId);
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
    Association a = new Association(network.newId("rtbassoc"), subnetId, false);
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
}
