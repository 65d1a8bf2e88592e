package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import java.util.Map;
import java.util.Set;

/** The Query API of a VPC's ways out: internet gateways, Elastic IPs and NAT gateways. */
final class GatewayActions {
  private GatewayActions() {}

  static void register(Map<String, Ec2Action> actions) {
    Ec2Action.putLocked(
        actions,
        "DescribeInternetGateways",
        NetworkListing.describe("InternetGatewayId"),
        GatewayActions::describeInternetGateways);
    Ec2Action.putLocked(
        actions,
        "DescribeNatGateways",
        NetworkListing.describe("NatGatewayId"),
        GatewayActions::describeNatGateways);
    Ec2Action.putLocked(
        actions,
        "CreateInternetGateway",
        Set.of("TagSpecification"),
        (req, ctx, out) ->
            NetworkXml.internetGateway(
                new GatewayOps(ctx)
                    .createInternetGateway(req.tagSpecifications("internet-gateway")),
                "internetGateway",
                ctx,
                out));
    Ec2Action.putLocked(
        actions,
        "AttachInternetGateway",
        Set.of("InternetGatewayId", "VpcId"),
        (req, ctx, out) -> {
          new GatewayOps(ctx)
              .attachInternetGateway(req.require("InternetGatewayId"), req.require("VpcId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "DetachInternetGateway",
        Set.of("InternetGatewayId", "VpcId"),
        (req, ctx, out) -> {
          new GatewayOps(ctx)
              .detachInternetGateway(req.require("InternetGatewayId"), req.require("VpcId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "DeleteInternetGateway",
        Set.of("InternetGatewayId"),
        (req, ctx, out) -> {
          new GatewayOps(ctx).deleteInternetGateway(req.require("InternetGatewayId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "AllocateAddress",
        Set.of("Domain", "TagSpecification"),
        (req, ctx, out) -> {
          NetworkState.Address a = new GatewayOps(ctx).allocateAddress();
          out.element("publicIp", a.publicIp())
              .element("domain", "vpc")
              .element("allocationId", a.allocationId());
        });
    Ec2Action.putLocked(
        actions,
        "ReleaseAddress",
        Set.of("AllocationId"),
        (req, ctx, out) -> {
          new GatewayOps(ctx).releaseAddress(req.require("AllocationId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "CreateNatGateway",
        Set.of("SubnetId", "AllocationId", "ConnectivityType", "TagSpecification", "ClientToken"),
        (req, ctx, out) ->
            NetworkXml.natGateway(
                new GatewayOps(ctx)
                    .createNatGateway(
                        req.require("SubnetId"),
                        req.get("AllocationId"),
                        req.get("ConnectivityType"),
                        req.tagSpecifications("natgateway")),
                "natGateway",
                ctx,
                out));
    Ec2Action.putLocked(
        actions,
        "DeleteNatGateway",
        Set.of("NatGatewayId"),
        (req, ctx, out) -> {
          new GatewayOps(ctx).deleteNatGateway(req.require("NatGatewayId"));
          out.element("natGatewayId", req.get("NatGatewayId"));
        });
  }

  static void describeInternetGateways(QueryRequest req, CallContext ctx, XmlWriter out) {
    NetworkListing.list(
        req,
        ctx,
        out,
        new NetworkListing.Listing<InternetGateway>(
            "InternetGatewayId",
            "InvalidInternetGatewayID.NotFound",
            "internetGateway",
            g -> g.id,
            g -> g.seq,
            (f, g) ->
                switch (f.name()) {
                  case "internet-gateway-id" -> f.matches(g.id);
                  case "attachment.vpc-id" -> f.matches(g.vpcId);
                  case "attachment.state" -> g.vpcId != null && f.matches("available");
                  case "owner-id" -> f.matches(ctx.settings().ownerId());
                  default -> throw FilterSpec.unknown(f.name());
                },
            "internetGatewaySet",
            1000),
        n -> n.internetGateways.values(),
        NetworkXml::internetGateway);
  }

  static void describeNatGateways(QueryRequest req, CallContext ctx, XmlWriter out) {
    NetworkListing.list(
        req,
        ctx,
        out,
        new NetworkListing.Listing<NatGateway>(
            "NatGatewayId",
            "NatGatewayNotFound",
            "NAT gateway",
            NatGateway::id,
            NatGateway::seq,
            (f, g) ->
                switch (f.name()) {
                  case "nat-gateway-id" -> f.matches(g.id());
                  case "subnet-id" -> f.matches(g.subnetId());
                  case "vpc-id" -> f.matches(g.vpcId());
                  case "state" -> f.matches(g.state(ctx.now()));
                  default -> throw FilterSpec.unknown(f.name());
                },
            "natGatewaySet",
            1000),
        n -> n.natGateways.values(),
        NetworkXml::natGateway);
  }
}
