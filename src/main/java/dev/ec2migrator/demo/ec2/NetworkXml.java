package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.Route;
import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.time.Instant;
import java.util.List;

/** The XML of the VPC resources, element names as in the EC2 API model (locationName). */
final class NetworkXml {
  private NetworkXml() {}

  static void vpc(Vpc v, String element, CallContext ctx, XmlWriter out) {
    out.start(element)
        .element("vpcId", v.id)
        .element("ownerId", ctx.settings().ownerId())
        .element("state", "available")
        .element("cidrBlock", v.cidr)
        .start("cidrBlockAssociationSet")
        .start("item")
        .element("associationId", "vpc-cidr-assoc-" + v.id.substring(4))
        .element("cidrBlock", v.cidr)
        .start("cidrBlockState")
        .element("state", "associated")
        .end("cidrBlockState")
        .end("item")
        .end("cidrBlockAssociationSet")
        .element("dhcpOptionsId", "default")
        .tagSet(ctx.region().tags(v.id))
        .element("instanceTenancy", "default")
        .element("isDefault", false)
        .end(element);
  }

  static void subnet(Subnet s, String element, CallContext ctx, XmlWriter out) {
    Cidr cidr = Cidr.parse(s.cidr(), "x");
    long used =
        ctx.region().instances.values().stream()
            .filter(
                r ->
                    s.id().equals(r.instance().subnetId())
                        && !"terminated".equals(r.instance().state()))
            .count();
    out.start(element)
        .element("subnetId", s.id())
        .element("subnetArn", arn(ctx, "subnet/" + s.id()))
        .element("state", "available")
        .element("ownerId", ctx.settings().ownerId())
        .element("vpcId", s.vpcId())
        .element("cidrBlock", s.cidr())
        // AWS reserves 5 addresses of every subnet
        .element("availableIpAddressCount", Math.max(0, cidr.size() - 5 - used))
        .element("availabilityZone", s.availabilityZone())
        .element("availabilityZoneId", zoneId(ctx.regionName(), s.availabilityZone()))
        .element("defaultForAz", false)
        .element("mapPublicIpOnLaunch", s.mapPublicIp())
        .tagSet(ctx.region().tags(s.id()))
        .end(element);
  }

  static void routeTable(RouteTable t, String element, CallContext ctx, XmlWriter out) {
    out.start(element)
        .element("routeTableId", t.id)
        .element("vpcId", t.vpcId)
        .element("ownerId", ctx.settings().ownerId())
        .start("routeSet");
    for (Route r : t.routes) {
      NatGateway nat =
          r.natGatewayId() == null ? null : ctx.region().network.natGateways.get(r.natGatewayId());
      boolean blackhole =
          (r.natGatewayId() != null && (nat == null || nat.deleteTime() != null))
              || (r.gatewayId() != null
                  && !"local".equals(r.gatewayId())
                  && !ctx.region().network.internetGateways.containsKey(r.gatewayId()));
      out.start("item")
          .element("destinationCidrBlock", r.destination())
          .element("gatewayId", r.gatewayId())
          .element("natGatewayId", r.natGatewayId())
          .element("state", blackhole ? "blackhole" : "active")
          .element("origin", r.origin())
          .end("item");
    }
    out.end("routeSet").start("associationSet");
    t.associations.forEach(
        a ->
            out.start("item")
                .element("routeTableAssociationId", a.id())
                .element("routeTableId", t.id)
                .element("subnetId", a.subnetId())
                .element("main", a.main())
                .start("associationState")
                .element("state", "associated")
                .end("associationState")
                .end("item"));
    out.end("associationSet")
        .start("propagatingVgwSet")
        .end("propagatingVgwSet")
        .tagSet(ctx.region().tags(t.id))
        .end(element);
  }

  static void internetGateway(InternetGateway g, String element, CallContext ctx, XmlWriter out) {
    out.start(element)
        .element("internetGatewayId", g.id)
        .element("ownerId", ctx.settings().ownerId())
        .start("attachmentSet");
    if (g.vpcId != null) {
      out.start("item").element("vpcId", g.vpcId).element("state", "available").end("item");
    }
    out.end("attachmentSet").tagSet(ctx.region().tags(g.id)).end(element);
  }

  static void natGateway(NatGateway g, String element, CallContext ctx, XmlWriter out) {
    Instant now = ctx.now();
    out.start(element)
        .element("natGatewayId", g.id())
        .element("subnetId", g.subnetId())
        .element("vpcId", g.vpcId())
        .element("state", g.state(now))
        .element("connectivityType", g.connectivityType())
        .element("createTime", g.createTime())
        .element("deleteTime", g.deleteTime())
        .start("natGatewayAddressSet")
        .start("item")
        .element("allocationId", g.allocationId())
        .element("networkInterfaceId", "eni-" + g.id().substring(4))
        .element("privateIp", g.privateIp())
        .element("publicIp", g.publicIp())
        .element("isPrimary", true)
        .element("status", "succeeded")
        .end("item")
        .end("natGatewayAddressSet")
        .tagSet(ctx.region().tags(g.id()))
        .end(element);
  }

  static void securityGroup(SecurityGroup g, String element, CallContext ctx, XmlWriter out) {
    out.start(element)
        .element("ownerId", ctx.settings().ownerId())
        .element("groupId", g.id)
        .element("groupName", g.name)
        .element("groupDescription", g.description)
        .element("vpcId", g.vpcId)
        .element("securityGroupArn", arn(ctx, "security-group/" + g.id));
    permissions("ipPermissions", g.ingress, ctx, out);
    permissions("ipPermissionsEgress", g.egress, ctx, out);
    out.tagSet(ctx.region().tags(g.id)).end(element);
  }

  /** EC2 shows one IpPermission per protocol and port range with its peers grouped. */
  private static void permissions(
      String element, List<Rule> rules, CallContext ctx, XmlWriter out) {
    out.start(element);
    java.util.Map<String, List<Rule>> grouped = new java.util.LinkedHashMap<>();
    for (Rule r : rules) {
      grouped
          .computeIfAbsent(
              r.protocol() + "|" + r.fromPort() + "|" + r.toPort(),
              k -> new java.util.ArrayList<>())
          .add(r);
    }
    for (List<Rule> same : grouped.values()) {
      Rule first = same.get(0);
      out.start("item")
          .element("ipProtocol", first.protocol())
          .element("fromPort", first.fromPort())
          .element("toPort", first.toPort())
          .start("groups");
      same.stream()
          .filter(r -> r.groupId() != null)
          .forEach(
              r ->
                  out.start("item")
                      .element("userId", ctx.settings().ownerId())
                      .element("groupId", r.groupId())
                      .element("description", r.description())
                      .end("item"));
      out.end("groups").start("ipRanges");
      same.stream()
          .filter(r -> r.cidr() != null)
          .forEach(
              r ->
                  out.start("item")
                      .element("cidrIp", r.cidr())
                      .element("description", r.description())
                      .end("item"));
      out.end("ipRanges")
          .start("ipv6Ranges")
          .end("ipv6Ranges")
          .start("prefixListIds")
          .end("prefixListIds")
          .end("item");
    }
    out.end(element);
  }

  static void rule(Rule r, String groupId, boolean egress, CallContext ctx, XmlWriter out) {
    out.start("item")
        .element("securityGroupRuleId", r.ruleId())
        .element("groupId", groupId)
        .element("groupOwnerId", ctx.settings().ownerId())
        .element("isEgress", egress)
        .element("ipProtocol", r.protocol())
        .element("fromPort", r.fromPort() == null ? -1 : r.fromPort())
        .element("toPort", r.toPort() == null ? -1 : r.toPort())
        .element("cidrIpv4", r.cidr());
    if (r.groupId() != null) {
      out.start("referencedGroupInfo")
          .element("groupId", r.groupId())
          .element("userId", ctx.settings().ownerId())
          .end("referencedGroupInfo");
    }
    out.element("description", r.description()).end("item");
  }

  private static String arn(CallContext ctx, String resource) {
    return "arn:aws:ec2:" + ctx.regionName() + ":" + ctx.settings().ownerId() + ":" + resource;
  }

  /** us-east-1a is use1-az1 here (AWS maps names to ids per account). */
  static String zoneId(String regionName, String zone) {
    String[] parts = regionName.split("-");
    if (parts.length < 3) {
      return null;
    }
    return parts[0]
        + parts[1].charAt(0)
        + parts[parts.length - 1]
        + "-az"
        + (zone.charAt(zone.length() - 1) - 'a' + 1);
  }
}
