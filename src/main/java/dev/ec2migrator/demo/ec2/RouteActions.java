package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import java.util.Map;
import java.util.Set;

/** The Query API of route tables, their routes and their subnet associations. */
final class RouteActions {
  private RouteActions() {}

  static void register(Map<String, Ec2Action> actions) {
    Ec2Action.putLocked(
        actions,
        "DescribeRouteTables",
        NetworkListing.describe("RouteTableId"),
        RouteActions::describeRouteTables);
    Ec2Action.putLocked(
        actions,
        "CreateRouteTable",
        Set.of("VpcId", "TagSpecification", "ClientToken"),
        (req, ctx, out) ->
            NetworkXml.routeTable(
                new RouteOps(ctx)
                    .createRouteTable(req.require("VpcId"), req.tagSpecifications("route-table")),
                "routeTable",
                ctx,
                out));
    Ec2Action.putLocked(
        actions,
        "DeleteRouteTable",
        Set.of("RouteTableId"),
        (req, ctx, out) -> {
          new RouteOps(ctx).deleteRouteTable(req.require("RouteTableId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "CreateRoute",
        Set.of("RouteTableId", "DestinationCidrBlock", "GatewayId", "NatGatewayId"),
        (req, ctx, out) -> {
          new RouteOps(ctx)
              .createRoute(
                  req.require("RouteTableId"),
                  req.require("DestinationCidrBlock"),
                  req.get("GatewayId"),
                  req.get("NatGatewayId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "DeleteRoute",
        Set.of("RouteTableId", "DestinationCidrBlock"),
        (req, ctx, out) -> {
          new RouteOps(ctx)
              .deleteRoute(req.require("RouteTableId"), req.require("DestinationCidrBlock"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "AssociateRouteTable",
        Set.of("RouteTableId", "SubnetId"),
        (req, ctx, out) ->
            out.element(
                    "associationId",
                    new RouteOps(ctx)
                        .associateRouteTable(req.require("RouteTableId"), req.require("SubnetId")))
                .start("associationState")
                .element("state", "associated")
                .end("associationState"));
    Ec2Action.putLocked(
        actions,
        "DisassociateRouteTable",
        Set.of("AssociationId"),
        (req, ctx, out) -> {
          new RouteOps(ctx).disassociateRouteTable(req.require("AssociationId"));
          out.element("return", true);
        });
  }

  static void describeRouteTables(QueryRequest req, CallContext ctx, XmlWriter out) {
    NetworkListing.list(
        req,
        ctx,
        out,
        new NetworkListing.Listing<RouteTable>(
            "RouteTableId",
            "InvalidRouteTableID.NotFound",
            "route table",
            t -> t.id,
            t -> t.seq,
            (f, t) ->
                switch (f.name()) {
                  case "route-table-id" -> f.matches(t.id);
                  case "vpc-id" -> f.matches(t.vpcId);
                  case "association.subnet-id" ->
                      f.matchesAny(
                          t.associations.stream()
                              .map(NetworkState.Association::subnetId)
                              .filter(java.util.Objects::nonNull)
                              .toList());
                  case "association.main" ->
                      f.matches(
                          String.valueOf(
                              t.associations.stream().anyMatch(NetworkState.Association::main)));
                  case "association.route-table-association-id" ->
                      f.matchesAny(
                          t.associations.stream().map(NetworkState.Association::id).toList());
                  case "route.gateway-id" ->
                      f.matchesAny(
                          t.routes.stream()
                              .map(NetworkState.Route::gatewayId)
                              .filter(java.util.Objects::nonNull)
                              .toList());
                  case "route.nat-gateway-id" ->
                      f.matchesAny(
                          t.routes.stream()
                              .map(NetworkState.Route::natGatewayId)
                              .filter(java.util.Objects::nonNull)
                              .toList());
                  default -> throw FilterSpec.unknown(f.name());
                },
            "routeTableSet",
            100),
        n -> n.routeTables.values(),
        NetworkXml::routeTable);
  }
}
