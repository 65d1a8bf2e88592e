package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Query API of security groups and their ingress and egress rules. */
final class SecurityGroupActions {
  private SecurityGroupActions() {}

  static void register(Map<String, Ec2Action> actions) {
    Ec2Action.putLocked(
        actions,
        "DescribeSecurityGroups",
        Set.of("Filter", "MaxResults", "NextToken", "GroupId", "GroupName"),
        SecurityGroupActions::describeSecurityGroups);
    Ec2Action.putLocked(
        actions,
        "CreateSecurityGroup",
        Set.of("GroupName", "GroupDescription", "VpcId", "TagSpecification"),
        (req, ctx, out) -> {
          SecurityGroup g =
              new SecurityGroupOps(ctx)
                  .createSecurityGroup(
                      req.require("GroupName"),
                      req.require("GroupDescription"),
                      req.require("VpcId"),
                      req.tagSpecifications("security-group"));
          out.element("return", true).element("groupId", g.id).tagSet(ctx.region().tags(g.id));
        });
    Ec2Action.putLocked(
        actions,
        "DeleteSecurityGroup",
        Set.of("GroupId"),
        (req, ctx, out) -> {
          new SecurityGroupOps(ctx).deleteSecurityGroup(req.require("GroupId"));
          out.element("return", true).element("groupId", req.get("GroupId"));
        });
    for (boolean egress : new boolean[] {false, true}) {
      String suffix = egress ? "Egress" : "Ingress";
      Set<String> params =
          Set.of("GroupId", "IpPermissions", "IpProtocol", "FromPort", "ToPort", "CidrIp");
      Ec2Action.putLocked(
          actions,
          "AuthorizeSecurityGroup" + suffix,
          params,
          (req, ctx, out) -> {
            String groupId = req.require("GroupId");
            List<Rule> added = new SecurityGroupOps(ctx).authorize(groupId, egress, rules(req));
            out.element("return", true).start("securityGroupRuleSet");
            added.forEach(r -> NetworkXml.rule(r, groupId, egress, ctx, out));
            out.end("securityGroupRuleSet");
          });
      Ec2Action.putLocked(
          actions,
          "RevokeSecurityGroup" + suffix,
          params,
          (req, ctx, out) -> {
            new SecurityGroupOps(ctx).revoke(req.require("GroupId"), egress, rules(req));
            out.element("return", true);
          });
    }
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

  static void describeSecurityGroups(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> names = req.strings("GroupName");
    NetworkListing.list(
        req,
        ctx,
        out,
        new NetworkListing.Listing<SecurityGroup>(
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
