package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import java.util.List;
import java.util.Map;

/**
 * Creates and deletes security groups and adds and removes their rules with EC2's checks and error
 * codes. Callers hold the region's monitor.
 */
final class SecurityGroupOps {
  private final RegionState region;
  private final NetworkState net;
  private final NetworkOps network;

  SecurityGroupOps(CallContext ctx) {
    this.region = ctx.region();
    this.net = region.network;
    this.network = new NetworkOps(ctx);
  }

  SecurityGroup createSecurityGroup(
      String name, String description, String vpcId, Map<String, String> tags) {
    network.vpc(vpcId);
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
    SecurityGroup g =
        new SecurityGroup(network.newId("sg"), name, description, vpcId, region.nextSeq());
    // a new group may send anything anywhere until told otherwise
    g.egress.add(new Rule(network.newId("sgr"), "-1", null, null, "0.0.0.0/0", null, null));
    net.securityGroups.put(g.id, g);
    region.putTags(g.id, tags);
    return g;
  }

  void deleteSecurityGroup(String id) {
    SecurityGroup g = network.securityGroup(id);
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
      throw Ec2Exception.dependencyViolation("resource " + id + " has a dependent object");
    }
    net.securityGroups.remove(id);
    region.dropTags(id);
  }

  /** Adds rules (ids are assigned here); a rule that is already there is refused. */
  List<Rule> authorize(String groupId, boolean egress, List<Rule> rules) {
    SecurityGroup g = network.securityGroup(groupId);
    List<Rule> target = egress ? g.egress : g.ingress;
    List<Rule> added = new java.util.ArrayList<>();
    for (Rule r : rules) {
      if (r.groupId() != null) {
        network.securityGroup(r.groupId());
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
              network.newId("sgr"),
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
    SecurityGroup g = network.securityGroup(groupId);
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
}
