package dev.ec2migrator.network;

import dev.ec2migrator.cloudformation.FleetPlan;
import dev.ec2migrator.cloudformation.InstanceNetworkPlan;
import dev.ec2migrator.cloudformation.InstancePlan;
import dev.ec2migrator.cloudformation.NetworkTemplate;
import dev.ec2migrator.cloudformation.NetworkTemplate.AssociationModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.CidrRuleModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.GatewayModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.GroupModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.GroupRuleModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.NatModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.RouteModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.RouteTableModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.SubnetModel;
import dev.ec2migrator.cloudformation.NetworkTemplate.VpcModel;
import dev.ec2migrator.cloudformation.YamlString;
import dev.ec2migrator.network.SourceNetwork.Route;
import dev.ec2migrator.network.SourceNetwork.RouteTable;
import dev.ec2migrator.network.SourceNetwork.Rule;
import dev.ec2migrator.network.SourceNetwork.SecurityGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the described source network into the network stack's model and places each instance in the
 * copies of its subnet and groups. The network description is a file an operator may edit, so every
 * id, CIDR and zone is checked before it goes near a template.
 *
 * <p>Over 250 lines on purpose: the network stack is one graph (VPCs, subnets, gateways, route
 * tables, groups, instances) whose logical ids refer to each other, built in one pass over maps of
 * source id to logical id; split apart, each part would take and return those maps.
 */
public class NetworkPlanner {
  private static final Pattern HEX_ID = Pattern.compile("[a-z]+-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern CIDR =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/([0-9]|[12]\\d|3[0-2])");
  private static final Pattern CIDR_V6 = Pattern.compile("[0-9a-fA-F:]+/\\d{1,3}");
  private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");
  private static final Pattern PROTOCOL = Pattern.compile("-1|tcp|udp|icmp|icmpv6|\\d{1,3}");
  private static final Pattern KEY_NAME = Pattern.compile("[\\x20-\\x7E]{1,255}");
  private static final Pattern PROFILE_ARN =
      Pattern.compile(
          "arn:[a-z-]+:iam::\\d{12}:instance-profile/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,128})");

  /**
   * @param file the network description's file, named in errors
   */
  public FleetPlan place(FleetPlan fleet, SourceNetwork network, String file) {
    Checks check = new Checks(file);
    String exportPrefix = exportPrefix(fleet.runId());
    List<VpcModel> vpcs = new ArrayList<>();
    Map<String, String> vpcLogical = new HashMap<>();
    for (SourceNetwork.Vpc v : network.vpcs()) {
      String logical = "Vpc" + check.id(v.vpcId(), "vpc");
      vpcLogical.put(v.vpcId(), logical);
      vpcs.add(
          new VpcModel(
              logical,
              y(v.vpcId()),
              y(check.cidr(v.cidrBlock(), v.vpcId())),
              v.enableDnsSupport(),
              v.enableDnsHostnames(),
              y(v.name())));
    }
    Map<String, String> subnetLogical = new HashMap<>();
    List<SubnetModel> subnets = new ArrayList<>();
    for (SourceNetwork.Subnet s : network.subnets()) {
      String hex = check.id(s.subnetId(), "subnet");
      String logical = "Subnet" + hex;
      subnetLogical.put(s.subnetId(), logical);
      subnets.add(
          new SubnetModel(
              logical,
              check.known(vpcLogical, s.vpcId(), s.subnetId()),
              y(s.subnetId()),
              y(check.cidr(s.cidrBlock(), s.subnetId())),
              y(check.zone(s.targetAvailabilityZone(), s.subnetId())),
              s.mapPublicIpOnLaunch(),
              y(s.name()),
              "SubnetFor" + hex,
              y(exportPrefix + s.subnetId())));
    }
    Map<String, String> gatewayLogical = new HashMap<>();
    Map<String, String> attachmentOfVpc = new HashMap<>();
    List<GatewayModel> gateways = new ArrayList<>();
    for (SourceNetwork.InternetGateway g : network.internetGateways()) {
      String hex = check.id(g.internetGatewayId(), "igw");
      gatewayLogical.put(g.internetGatewayId(), "InternetGateway" + hex);
      attachmentOfVpc.put(g.vpcId(), "GatewayAttachment" + hex);
      gateways.add(
          new GatewayModel(
              "InternetGateway" + hex,
              "GatewayAttachment" + hex,
              check.known(vpcLogical, g.vpcId(), g.internetGatewayId()),
              y(g.internetGatewayId()),
              y(g.name())));
    }
    Map<String, String> natLogical = new HashMap<>();
    List<NatModel> nats = new ArrayList<>();
    for (SourceNetwork.NatGateway n : network.natGateways()) {
      String hex = check.id(n.natGatewayId(), "nat");
      natLogical.put(n.natGatewayId(), "NatGateway" + hex);
      nats.add(
          new NatModel(
              "NatGateway" + hex,
              "NatAddress" + hex,
              check.known(subnetLogical, n.subnetId(), n.natGatewayId()),
              attachmentOfVpc.get(n.vpcId()),
              y(n.natGatewayId()),
              y(n.name())));
    }
    List<YamlString> notRecreated = new ArrayList<>();
    List<RouteTableModel> tables = new ArrayList<>();
    for (RouteTable t : network.routeTables()) {
      String hex = check.id(t.routeTableId(), "rtb");
      List<RouteModel> routes = new ArrayList<>();
      int n = 0;
      for (Route r : t.routes()) {
        n++;
        String gateway =
            r.internetGatewayId() == null ? null : gatewayLogical.get(r.internetGatewayId());
        String nat = r.natGatewayId() == null ? null : natLogical.get(r.natGatewayId());
        if (r.destinationCidrBlock() == null || gateway == null && nat == null) {
          notRecreated.add(
              y(
                  "route table "
                      + t.routeTableId()
                      + ": route "
                      + (r.other() == null ? r.destinationCidrBlock() : r.other())));
          continue;
        }
        routes.add(
            new RouteModel(
                "Route" + hex + "N" + n,
                y(check.cidr(r.destinationCidrBlock(), t.routeTableId())),
                gateway,
                nat,
                gateway == null ? null : attachmentOfVpc.get(t.vpcId())));
      }
      List<AssociationModel> associations = new ArrayList<>();
      for (String subnet : t.subnetIds()) {
        String subnetLogicalId = check.known(subnetLogical, subnet, t.routeTableId());
        associations.add(
            new AssociationModel("Association" + subnetLogicalId.substring(6), subnetLogicalId));
      }
      tables.add(
          new RouteTableModel(
              "RouteTable" + hex,
              check.known(vpcLogical, t.vpcId(), t.routeTableId()),
              y(t.routeTableId()),
              y(t.name()),
              routes,
              associations));
    }
    Map<String, String> groupLogical = new HashMap<>();
    for (SecurityGroup g : network.securityGroups()) {
      groupLogical.put(g.groupId(), "SecurityGroup" + check.id(g.groupId(), "sg"));
    }
    List<GroupModel> groups = new ArrayList<>();
    List<GroupRuleModel> groupRules = new ArrayList<>();
    for (SecurityGroup g : network.securityGroups()) {
      String logical = groupLogical.get(g.groupId());
      String hex = logical.substring("SecurityGroup".length());
      List<CidrRuleModel> ingress = new ArrayList<>();
      List<CidrRuleModel> egress = new ArrayList<>();
      int n = 0;
      for (boolean isIngress : new boolean[] {true, false}) {
        for (Rule r : isIngress ? g.ingress() : g.egress()) {
          n++;
          String where = g.groupId() + (isIngress ? " ingress" : " egress");
          YamlString protocol = y(check.protocol(r.ipProtocol(), where));
          boolean allProtocols = "-1".equals(r.ipProtocol());
          YamlString from =
              allProtocols || r.fromPort() == null ? null : y(r.fromPort().toString());
          YamlString to = allProtocols || r.toPort() == null ? null : y(r.toPort().toString());
          if (r.groupId() != null && groupLogical.containsKey(r.groupId())) {
            groupRules.add(
                new GroupRuleModel(
                    (isIngress ? "Ingress" : "Egress") + hex + "N" + n,
                    isIngress,
                    logical,
                    groupLogical.get(r.groupId()),
                    protocol,
                    from,
                    to,
                    optional(groupText(r.description()))));
          } else if (r.cidrIp() != null || r.cidrIpv6() != null) {
            CidrRuleModel rule =
                new CidrRuleModel(
                    protocol,
                    from,
                    to,
                    r.cidrIp() == null ? null : y(check.cidr(r.cidrIp(), where)),
                    r.cidrIpv6() == null ? null : y(check.cidrV6(r.cidrIpv6(), where)),
                    optional(groupText(r.description())));
            (isIngress ? ingress : egress).add(rule);
          } else {
            notRecreated.add(
                y(
                    "security group "
                        + g.groupId()
                        + ":"
                        + (isIngress ? " ingress from " : " egress to ")
                        + (r.groupId() != null
                            ? "group " + r.groupId() + " outside the network"
                            : r.other())));
          }
        }
      }
      if (egress.isEmpty()) {
        egress.add(new CidrRuleModel(y("-1"), null, null, y("127.0.0.1/32"), null, y("no egress")));
      }
      groups.add(
          new GroupModel(
              logical,
              check.known(vpcLogical, g.vpcId(), g.groupId()),
              y(g.groupId()),
              // CloudFormation requires a description; the source's own, else its name
              y(
                  groupText(
                      g.description() == null || g.description().isBlank()
                          ? g.groupName()
                          : g.description())),
              y(g.name() == null || g.name().isBlank() ? g.groupName() : g.name()),
              ingress,
              egress,
              "GroupFor" + hex,
              y(exportPrefix + g.groupId())));
    }
    NetworkTemplate template =
        new NetworkTemplate(
            fleet.runId() + ".network.cloudformation.yaml",
            y(
                (fleet.simulated() ? "SIMULATED - " : "")
                    + "ec2-region-migrator run "
                    + fleet.runId()
                    + ": the network of "
                    + network.sourceRegion()
                    + " recreated in "
                    + fleet.targetRegion()),
            y(fleet.runId()),
            vpcs,
            subnets,
            gateways,
            nats,
            tables,
            groups,
            groupRules,
            notRecreated);

    List<InstancePlan> placed = new ArrayList<>();
    for (InstancePlan instance : fleet.instances()) {
      SourceNetwork.InstanceNetwork source = network.instances().get(instance.sourceInstanceId());
      if (source == null || !subnetLogical.containsKey(source.subnetId())) {
        throw new IllegalArgumentException(
            file
                + ": instance "
                + instance.sourceInstanceId()
                + " has no subnet in the network description");
      }
      List<YamlString> groupExports = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String group : source.securityGroupIds()) {
        check.known(groupLogical, group, instance.sourceInstanceId());
        if (seen.add(group)) {
          groupExports.add(y(exportPrefix + group));
        }
      }
      placed.add(
          instance.withNetwork(
              new InstanceNetworkPlan(
                  y(exportPrefix + source.subnetId()),
                  groupExports,
                  source.keyName() == null
                      ? null
                      : y(check.keyName(source.keyName(), instance.sourceInstanceId())),
                  source.instanceProfileArn() == null
                      ? null
                      : y(
                          check.profile(
                              source.instanceProfileArn(), instance.sourceInstanceId())))));
    }
    return fleet.withNetwork(placed, template);
  }

  /**
   * Export names are unique per account and region: the run's stack-name prefix plus the source id.
   * Letters, digits and '-' only, as CloudFormation takes them.
   */
  public static String exportPrefix(String runId) {
    return ("migrator-" + runId + "-").replaceAll("[^A-Za-z0-9-]", "-");
  }

  /**
   * Security group and rule descriptions take at most 255 characters of a-z, A-Z, 0-9, space and
   * ._-:/()#,@[]+=&;{}!$* (EC2 refuses the stack otherwise); any other character becomes '_'. AWS
   * only ever describes such text, so this changes only a hand-edited network description.
   */
  static String groupText(String text) {
    if (text == null) {
      return null;
    }
    String allowed = text.replaceAll("[^a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]", "_");
    return allowed.length() <= 255 ? allowed : allowed.substring(0, 255);
  }

  private static YamlString y(String value) {
    return YamlString.of(value == null ? "" : value);
  }

  private static YamlString optional(String value) {
    return value == null || value.isEmpty() ? null : YamlString.of(value);
  }

  /** Checks that name the file, the resource and what is wrong. */
  private record Checks(String file) {
    String id(String id, String prefix) {
      if (id == null || !id.startsWith(prefix + "-") || !HEX_ID.matcher(id).matches()) {
        throw bad("\"" + id + "\" is not a " + prefix + "- id");
      }
      return id.substring(prefix.length() + 1);
    }

    String known(Map<String, String> logical, String id, String of) {
      String found = id == null ? null : logical.get(id);
      if (found == null) {
        throw bad(
            of
                + " refers to "
                + YamlString.quote(String.valueOf(id))
                + ", which the network description does not hold");
      }
      return found;
    }

    String cidr(String cidr, String of) {
      return matching(CIDR, cidr, of, "an IPv4 CIDR");
    }

    String cidrV6(String cidr, String of) {
      return matching(CIDR_V6, cidr, of, "an IPv6 CIDR");
    }

    String zone(String zone, String of) {
      return matching(ZONE, zone, of, "an availability zone");
    }

    String protocol(String protocol, String of) {
      return matching(PROTOCOL, protocol, of, "an IP protocol");
    }

    String keyName(String name, String of) {
      return matching(KEY_NAME, name, of, "a key pair name");
    }

    /** The profile's name: what AWS::EC2::Instance's IamInstanceProfile takes. */
    String profile(String arn, String of) {
      var m = PROFILE_ARN.matcher(arn == null ? "" : arn);
      if (!m.matches()) {
        throw bad(
            of + ": " + YamlString.quote(String.valueOf(arn)) + " is not an instance profile ARN");
      }
      return m.group(1);
    }

    private String matching(Pattern pattern, String value, String of, String what) {
      if (value == null || !pattern.matcher(value).matches()) {
        throw bad(of + ": " + YamlString.quote(String.valueOf(value)) + " is not " + what);
      }
      return value;
    }

    private IllegalArgumentException bad(String reason) {
      return new IllegalArgumentException(file + ": " + reason);
    }
  }
}
