package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The Query API of VPCs, subnets, route tables, gateways, Elastic IPs and security groups.
 *
 * <p>Size: the table of the VPC Query API actions, one registration and one answer writer each.
 */
final class NetworkActions {
  private static final Set<String> DESCRIBE = Set.of("Filter", "MaxResults", "NextToken");

  private NetworkActions() {}

  private static void add(
      Map<String, Ec2Action> actions, String name, Set<String> params, Ec2Action.Handler h) {
    actions.put(name, Ec2Action.locked(name, params, h));
  }

  private static Set<String> describe(String idParam) {
    Set<String> s = new java.util.HashSet<>(DESCRIBE);
    s.add(idParam);
    return Set.copyOf(s);
  }

  static void register(Map<String, Ec2Action> actions) {
    add(actions, "DescribeVpcs", describe("VpcId"), NetworkActions::describeVpcs);
    add(actions, "DescribeSubnets", describe("SubnetId"), NetworkActions::describeSubnets);
    add(
        actions,
        "DescribeRouteTables",
        describe("RouteTableId"),
        NetworkActions::describeRouteTables);
    add(
        actions,
        "DescribeInternetGateways",
        describe("InternetGatewayId"),
        NetworkActions::describeInternetGateways);
    add(
        actions,
        "DescribeNatGateways",
        describe("NatGatewayId"),
        NetworkActions::describeNatGateways);
    add(
        actions,
        "DescribeSecurityGroups",
        Set.of("Filter", "MaxResults", "NextToken", "GroupId", "GroupName"),
        NetworkActions::describeSecurityGroups);
    add(
        actions,
        "DescribeVpcAttribute",
        Set.of("VpcId", "Attribute"),
        NetworkActions::describeVpcAttribute);
    add(
        actions,
        "CreateVpc",
        Set.of("CidrBlock", "TagSpecification", "InstanceTenancy", "AmazonProvidedIpv6CidrBlock"),
        (req, ctx, out) ->
            NetworkXml.vpc(
                ops(ctx).createVpc(req.require("CidrBlock"), req.tagSpecifications("vpc")),
                "vpc",
                ctx,
                out));
    add(
        actions,
        "ModifyVpcAttribute",
        Set.of("VpcId", "EnableDnsSupport", "EnableDnsHostnames"),
        (req, ctx, out) -> {
          ops(ctx)
              .modifyVpcAttribute(
                  req.require("VpcId"),
                  value(req, "EnableDnsSupport"),
                  value(req, "EnableDnsHostnames"));
          out.element("return", true);
        });
    add(
        actions,
        "DeleteVpc",
        Set.of("VpcId"),
        (req, ctx, out) -> {
          ops(ctx).deleteVpc(req.require("VpcId"));
          out.element("return", true);
        });
    add(
        actions,
        "CreateSubnet",
        Set.of("VpcId", "CidrBlock", "AvailabilityZone", "TagSpecification"),
        (req, ctx, out) ->
            NetworkXml.subnet(
                ops(ctx)
                    .createSubnet(
                        req.require("VpcId"),
                        req.require("CidrBlock"),
                        req.get("AvailabilityZone"),
                        req.tagSpecifications("subnet")),
                "subnet",
                ctx,
                out));
    add(
        actions,
        "ModifySubnetAttribute",
        Set.of("SubnetId", "MapPublicIpOnLaunch"),
        (req, ctx, out) -> {
          Boolean map = value(req, "MapPublicIpOnLaunch");
          if (map == null) {
            throw Ec2Exception.missingParameter("MapPublicIpOnLaunch.Value");
          }
          ops(ctx).modifySubnetAttribute(req.require("SubnetId"), map);
          out.element("return", true);
        });
    add(
        actions,
        "DeleteSubnet",
        Set.of("SubnetId"),
        (req, ctx, out) -> {
          ops(ctx).deleteSubnet(req.require("SubnetId"));
          out.element("return", true);
        });
    add(
        actions,
        "CreateRouteTable",
        Set.of("VpcId", "TagSpecification", "ClientToken"),
        (req, ctx, out) ->
            NetworkXml.routeTable(
                ops(ctx)
                    .createRouteTable(req.require("VpcId"), req.tagSpecifications("route-table")),
                "routeTable",
                ctx,
                out));
    add(
        actions,
        "DeleteRouteTable",
        Set.of("RouteTableId"),
        (req, ctx, out) -> {
          ops(ctx).deleteRouteTable(req.require("RouteTableId"));
          out.element("return", true);
        });
    add(
        actions,
        "CreateRoute",
        Set.of("RouteTableId", "DestinationCidrBlock", "GatewayId", "NatGatewayId"),
        (req, ctx, out) -> {
          ops(ctx)
              .createRoute(
                  req.require("RouteTableId"),
                  req.require("DestinationCidrBlock"),
                  req.get("GatewayId"),
                  req.get("NatGatewayId"));
          out.element("return", true);
        });
    add(
        actions,
        "DeleteRoute",
        Set.of("RouteTableId", "DestinationCidrBlock"),
        (req, ctx, out) -> {
          ops(ctx).deleteRoute(req.require("RouteTableId"), req.require("DestinationCidrBlock"));
          out.element("return", true);
        });
    add(
        actions,
        "AssociateRouteTable",
        Set.of("RouteTableId", "SubnetId"),
        (req, ctx, out) ->
            out.element(
                    "associationId",
                    ops(ctx)
                        .associateRouteTable(req.require("RouteTableId"), req.require("SubnetId")))
                .start("associationState")
                .element("state", "associated")
                .end("associationState"));
    add(
        actions,
        "DisassociateRouteTable",
        Set.of("AssociationId"),
        (req, ctx, out) -> {
          ops(ctx).disassociateRouteTable(req.require("AssociationId"));
          out.element("return", true);
        });
    add(
        actions,
        "CreateInternetGateway",
        Set.of("TagSpecification"),
        (req, ctx, out) ->
            NetworkXml.internetGateway(
                ops(ctx).createInternetGateway(req.tagSpecifications("internet-gateway")),
                "internetGateway",
                ctx,
                out));
    add(
        actions,
        "AttachInternetGateway",
        Set.of("InternetGatewayId", "VpcId"),
        (req, ctx, out) -> {
          ops(ctx).attachInternetGateway(req.require("InternetGatewayId"), req.require("VpcId"));
          out.element("return", true);
        });
    add(
        actions,
        "DetachInternetGateway",
        Set.of("InternetGatewayId", "VpcId"),
        (req, ctx, out) -> {
          ops(ctx).detachInternetGateway(req.require("InternetGatewayId"), req.require("VpcId"));
          out.element("return", true);
        });
    add(
        actions,
        "DeleteInternetGateway",
        Set.of("InternetGatewayId"),
        (req, ctx, out) -> {
          ops(ctx).deleteInternetGateway(req.require("InternetGatewayId"));
          out.element("return", true);
        });
    add(
        actions,
        "AllocateAddress",
        Set.of("Domain", "TagSpecification"),
        (req, ctx, out) -> {
          NetworkState.Address a = ops(ctx).allocateAddress();
          out.element("publicIp", a.publicIp())
              .element("domain", "vpc")
              .element("allocationId", a.allocationId());
        });
    add(
        actions,
        "ReleaseAddress",
        Set.of("AllocationId"),
        (req, ctx, out) -> {
          ops(ctx).releaseAddress(req.require("AllocationId"));
          out.element("return", true);
        });
    add(
        actions,
        "CreateNatGateway",
        Set.of("SubnetId", "AllocationId", "ConnectivityType", "TagSpecification", "ClientToken"),
        (req, ctx, out) ->
            NetworkXml.natGateway(
                ops(ctx)
                    .createNatGateway(
                        req.require("SubnetId"),
                        req.get("AllocationId"),
                        req.get("ConnectivityType"),
                        req.tagSpecifications("natgateway")),
                "natGateway",
                ctx,
                out));
    add(
        actions,
        "DeleteNatGateway",
        Set.of("NatGatewayId"),
        (req, ctx, out) -> {
          ops(ctx).deleteNatGateway(req.require("NatGatewayId"));
          out.element("natGatewayId", req.get("NatGatewayId"));
        });
    add(
        actions,
        "CreateSecurityGroup",
        Set.of("GroupName", "GroupDescription", "VpcId", "TagSpecification"),
        (req, ctx, out) -> {
          SecurityGroup g =
              ops(ctx)
                  .createSecurityGroup(
                      req.require("GroupName"),
                      req.require("GroupDescription"),
                      req.require("VpcId"),
                      req.tagSpecifications("security-group"));
          out.element("return", true).element("groupId", g.id).tagSet(ctx.region().tags(g.id));
        });
    add(
        actions,
        "DeleteSecurityGroup",
        Set.of("GroupId"),
        (req, ctx, out) -> {
          ops(ctx).deleteSecurityGroup(req.require("GroupId"));
          out.element("return", true).element("groupId", req.get("GroupId"));
        });
    for (boolean egress : new boolean[] {false, true}) {
      String suffix = egress ? "Egress" : "Ingress";
      Set<String> params =
          Set.of("GroupId", "IpPermissions", "IpProtocol", "FromPort", "ToPort", "CidrIp");
      add(
          actions,
          "AuthorizeSecurityGroup" + suffix,
          params,
          (req, ctx, out) -> {
            String groupId = req.require("GroupId");
            List<Rule> added = ops(ctx).authorize(groupId, egress, rules(req));
            out.element("return", true).start("securityGroupRuleSet");
            added.forEach(r -> NetworkXml.rule(r, groupId, egress, ctx, out));
            out.end("securityGroupRuleSet");
          });
      add(
          actions,
          "RevokeSecurityGroup" + suffix,
          params,
          (req, ctx, out) -> {
            ops(ctx).revoke(req.require("GroupId"), egress, rules(req));
            out.element("return", true);
          });
    }
  }

  private static NetworkOps ops(CallContext ctx) {
    return new NetworkOps(ctx);
  }

  /** {@code Name.Value} of an AttributeBooleanValue parameter, or null if absent. */
  private static Boolean value(QueryRequest req, String name) {
    QueryRequest v = req.member(name);
    return v == null ? null : v.optionalFlag("Value");
  }

  /** The rules of IpPermissions.N, or of the flat CidrIp/IpProtocol/FromPort/ToPort form. */
  static List<Rule> rules(QueryRequest req) {
    List<Rule> rules = new ArrayList<>();
    List<QueryRequest> permissions = req.members("IpPermissions");
    if (permissions.isEmpty() && req.get("IpProtocol") != null) {
      permissions = List.of(req);
    }
    for (QueryRequest p : permissions) {
      String protocol = p.require("IpProtocol");
      Integer from = p.integer("FromPort");
      Integer to = p.integer("ToPort");
      if (protocol.equals("-1")) {
        from = null;
        to = null;
      }
      if (p.get("CidrIp") != null) {
        rules.add(new Rule(null, protocol, from, to, p.get("CidrIp"), null, null));
      }
      for (QueryRequest range : p.members("IpRanges")) {
        rules.add(
            new Rule(
                null, protocol, from, to, range.require("CidrIp"), null, range.get("Description")));
      }
      for (QueryRequest group : p.members("Groups")) {
        rules.add(
            new Rule(
                null,
                protocol,
                from,
                to,
                null,
                group.require("GroupId"),
                group.get("Description")));
      }
    }
    if (rules.isEmpty()) {
      throw Ec2Exception.missingParameter("IpPermissions");
    }
    return rules;
  }

  // --- describes

  /** How one Describe* call lists one kind of resource. */
  private record Listing<T>(
      String idParam,
      String notFoundCode,
      String noun,
      Function<T, String> id,
      ToLongFunction<T> seq,
      BiPredicate<FilterSpec, T> matcher,
      String setElement,
      int maxResults) {}

  private interface Writer<T> {
    void write(T item, String element, CallContext ctx, XmlWriter out);
  }

  private static <T> void list(
      QueryRequest req,
      CallContext ctx,
      XmlWriter out,
      Listing<T> how,
      Function<NetworkState, Collection<T>> items,
      Writer<T> writer) {
    List<String> ids = req.strings(how.idParam());
    Integer maxResults = req.integer("MaxResults");
    Paginator.checkMaxResults(maxResults, 5, how.maxResults());
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    synchronized (region) {
      Collection<T> all = items.apply(region.network);
      Set<String> known = new java.util.HashSet<>();
      all.forEach(t -> known.add(how.id().apply(t)));
      IdChecks.allExist(ids, known::contains, how.notFoundCode(), how.noun());
      List<T> matching = new ArrayList<>();
      for (T t : all) {
        String id = how.id().apply(t);
        boolean matches =
            filters.stream()
                .allMatch(
                    f ->
                        f.isTagFilter()
                            ? f.matchesTags(region.tags(id))
                            : how.matcher().test(f, t));
        if ((ids.isEmpty() || ids.contains(id)) && matches) {
          matching.add(t);
        }
      }
      Paginator.Page<T> page =
          Paginator.page(matching, how.seq(), maxResults, req.get("NextToken"));
      out.start(how.setElement());
      page.items().forEach(t -> writer.write(t, "item", ctx, out));
      out.end(how.setElement());
      out.element("nextToken", page.nextToken());
    }
  }

  static void describeVpcs(QueryRequest req, CallContext ctx, XmlWriter out) {
    list(
        req,
        ctx,
        out,
        new Listing<Vpc>(
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
      Vpc vpc = ops(ctx).vpc(req.require("VpcId"));
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
    list(
        req,
        ctx,
        out,
        new Listing<Subnet>(
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

  static void describeRouteTables(QueryRequest req, CallContext ctx, XmlWriter out) {
    list(
        req,
        ctx,
        out,
        new Listing<RouteTable>(
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

  static void describeInternetGateways(QueryRequest req, CallContext ctx, XmlWriter out) {
    list(
        req,
        ctx,
        out,
        new Listing<InternetGateway>(
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
    list(
        req,
        ctx,
        out,
        new Listing<NatGateway>(
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

  static void describeSecurityGroups(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> names = req.strings("GroupName");
    list(
        req,
        ctx,
        out,
        new Listing<SecurityGroup>(
            "GroupId",
            "InvalidGroup.NotFound",
            "security group",
            g -> g.id,
            g -> g.seq,
            (f, g) ->
                switch (f.name()) {
                  case "group-id" -> f.matches(g.id);
                  case "group-name" -> f.matches(g.name);
                  case "vpc-id" -> f.matches(g.vpcId);
                  case "description" -> f.matches(g.description);
                  case "owner-id" -> f.matches(ctx.settings().ownerId());
                  case "ip-permission.group-id" ->
                      f.matchesAny(
                          g.ingress.stream()
                              .map(Rule::groupId)
                              .filter(java.util.Objects::nonNull)
                              .toList());
                  default -> throw FilterSpec.unknown(f.name());
                },
            "securityGroupInfo",
            1000),
        n ->
            names.isEmpty()
                ? n.securityGroups.values()
                : n.securityGroups.values().stream().filter(g -> names.contains(g.name)).toList(),
        NetworkXml::securityGroup);
  }
}
