package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.util.Map;
import java.util.Set;

/** The Query API of VPCs (with their DNS attributes) and subnets. */
final class VpcActions {
  private VpcActions() {}

  static void register(Map<String, Ec2Action> actions) {
    Ec2Action.putLocked(
        actions, "DescribeVpcs", NetworkListing.describe("VpcId"), VpcActions::describeVpcs);
    Ec2Action.putLocked(
        actions,
        "DescribeSubnets",
        NetworkListing.describe("SubnetId"),
        VpcActions::describeSubnets);
    Ec2Action.putLocked(
        actions,
        "DescribeVpcAttribute",
        Set.of("VpcId", "Attribute"),
        VpcActions::describeVpcAttribute);
    Ec2Action.putLocked(
        actions,
        "CreateVpc",
        Set.of("CidrBlock", "TagSpecification", "InstanceTenancy", "AmazonProvidedIpv6CidrBlock"),
        (req, ctx, out) ->
            NetworkXml.vpc(
                new NetworkOps(ctx)
                    .createVpc(req.require("CidrBlock"), req.tagSpecifications("vpc")),
                "vpc",
                ctx,
                out));
    Ec2Action.putLocked(
        actions,
        "ModifyVpcAttribute",
        Set.of("VpcId", "EnableDnsSupport", "EnableDnsHostnames"),
        (req, ctx, out) -> {
          new NetworkOps(ctx)
              .modifyVpcAttribute(
                  req.require("VpcId"),
                  value(req, "EnableDnsSupport"),
                  value(req, "EnableDnsHostnames"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "DeleteVpc",
        Set.of("VpcId"),
        (req, ctx, out) -> {
          new NetworkOps(ctx).deleteVpc(req.require("VpcId"));
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "CreateSubnet",
        Set.of("VpcId", "CidrBlock", "AvailabilityZone", "TagSpecification"),
        (req, ctx, out) ->
            NetworkXml.subnet(
                new NetworkOps(ctx)
                    .createSubnet(
                        req.require("VpcId"),
                        req.require("CidrBlock"),
                        req.get("AvailabilityZone"),
                        req.tagSpecifications("subnet")),
                "subnet",
                ctx,
                out));
    Ec2Action.putLocked(
        actions,
        "ModifySubnetAttribute",
        Set.of("SubnetId", "MapPublicIpOnLaunch"),
        (req, ctx, out) -> {
          Boolean map = value(req, "MapPublicIpOnLaunch");
          if (map == null) {
            throw Ec2Exception.missingParameter("MapPublicIpOnLaunch.Value");
          }
          new NetworkOps(ctx).modifySubnetAttribute(req.require("SubnetId"), map);
          out.element("return", true);
        });
    Ec2Action.putLocked(
        actions,
        "DeleteSubnet",
        Set.of("SubnetId"),
        (req, ctx, out) -> {
          new NetworkOps(ctx).deleteSubnet(req.require("SubnetId"));
          out.element("return", true);
        });
  }

  /** {@code Name.Value} of an AttributeBooleanValue parameter, or null if absent. */
  private static Boolean value(QueryRequest req, String name) {
    QueryRequest v = req.member(name);
    return v == null ? null : v.optionalFlag("Value");
  }

  static void describeVpcs(QueryRequest req, CallContext ctx, XmlWriter out) {
    NetworkListing.list(
        req,
        ctx,
        out,
        new NetworkListing.Listing<Vpc>(
            "VpcId",
            "InvalidVpcID.NotFound",
            "vpc",
            v -> v.id,
            v -> v.seq,
            (f, v) ->
                switch (f.name()) {
                  case "vpc-id" -> f.matches(v.id);
                  case "cidr", "cidr-block-association.cidr-block" -> f.matches(v.cidr);
                  case "state" -> f.matches("available");
                  case "is-default" -> f.matches("false");
                  case "owner-id" -> f.matches(ctx.settings().ownerId());
                  default -> throw FilterSpec.unknown(f.name());
                },
            "vpcSet",
            1000),
        n -> n.vpcs.values(),
        NetworkXml::vpc);
  }

  static void describeVpcAttribute(QueryRequest req, CallContext ctx, XmlWriter out) {
    String attribute = req.require("Attribute");
    synchronized (ctx.region()) {
      Vpc vpc = new NetworkOps(ctx).vpc(req.require("VpcId"));
      out.element("vpcId", vpc.id);
      switch (attribute) {
        case "enableDnsSupport" ->
            out.start("enableDnsSupport").element("value", vpc.dnsSupport).end("enableDnsSupport");
        case "enableDnsHostnames" ->
            out.start("enableDnsHostnames")
                .element("value", vpc.dnsHostnames)
                .end("enableDnsHostnames");
        default ->
            throw Ec2Exception.invalidParameterValue(
                "Value (" + attribute + ") for parameter attribute is invalid.");
      }
    }
  }

  static void describeSubnets(QueryRequest req, CallContext ctx, XmlWriter out) {
    NetworkListing.list(
        req,
        ctx,
        out,
        new NetworkListing.Listing<Subnet>(
            "SubnetId",
            "InvalidSubnetID.NotFound",
            "subnet",
            Subnet::id,
            Subnet::seq,
            (f, s) ->
                switch (f.name()) {
                  case "subnet-id" -> f.matches(s.id());
                  case "vpc-id" -> f.matches(s.vpcId());
                  case "availability-zone" -> f.matches(s.availabilityZone());
                  case "cidr-block", "cidr", "cidrBlock" -> f.matches(s.cidr());
                  case "map-public-ip-on-launch" -> f.matches(String.valueOf(s.mapPublicIp()));
                  case "state" -> f.matches("available");
                  case "default-for-az" -> f.matches("false");
                  default -> throw FilterSpec.unknown(f.name());
                },
            "subnetSet",
            1000),
        n -> n.subnets.values(),
        NetworkXml::subnet);
  }
}
