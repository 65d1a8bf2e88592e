package dev.ec2migrator.network;

import dev.ec2migrator.aws.Ec2Requests;
import dev.ec2migrator.network.SourceNetwork.InstanceNetwork;
import dev.ec2migrator.network.SourceNetwork.InternetGateway;
import dev.ec2migrator.network.SourceNetwork.NatGateway;
import dev.ec2migrator.network.SourceNetwork.Route;
import dev.ec2migrator.network.SourceNetwork.RouteTable;
import dev.ec2migrator.network.SourceNetwork.Rule;
import dev.ec2migrator.network.SourceNetwork.SecurityGroup;
import dev.ec2migrator.network.SourceNetwork.Subnet;
import dev.ec2migrator.network.SourceNetwork.Vpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * Describes the source VPCs of a run's instances: DescribeVpcs, DescribeVpcAttribute,
 * DescribeSubnets, DescribeRouteTables, DescribeInternetGateways, DescribeNatGateways,
 * DescribeSecurityGroups, and DescribeInstances for each instance's groups, key and profile.
 *
 * <p>Over 250 lines on purpose: one description in dependency order (the instances name their
 * subnets, the subnets their VPCs, the VPCs filter every later call), each call's filter built from
 * the answers before it; the translation of each answer into {@link SourceNetwork} sits beside its
 * call.
 */
public class SourceNetworkDescriber {
  private final Ec2Requests requests;

  public SourceNetworkDescriber(Ec2Requests requests) {
    this.requests = requests;
  }

  /**
   * @param azMap source zone to target zone, overriding the mapping by index
   */
  public SourceNetwork describe(
      String sourceRegion,
      String targetRegion,
      Collection<String> instanceIds,
      Map<String, String> azMap) {
    Map<String, InstanceNetwork> instances = new LinkedHashMap<>();
    call(
            sourceRegion,
            "DescribeInstances",
            ec2 ->
                ec2
                    .describeInstancesPaginator(r -> r.instanceIds(instanceIds))
                    .reservations()
                    .stream()
                    .flatMap(res -> res.instances().stream())
                    .toList())
        .forEach(
            i ->
                instances.put(
                    i.instanceId(),
                    new InstanceNetwork(
                        i.instanceId(),
                        i.subnetId(),
                        i.securityGroups().stream().map(g -> g.groupId()).toList(),
                        i.keyName(),
                        i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn())));
    Set<String> vpcIds = new TreeSet<>();
    List<String> instanceSubnets =
        instances.values().stream().map(InstanceNetwork::subnetId).distinct().toList();
    if (instanceSubnets.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the run's instances is known in " + sourceRegion + ": no network to recreate");
    }
    for (var i :
        call(
            sourceRegion,
            "DescribeSubnets",
            ec2 -> ec2.describeSubnets(r -> r.subnetIds(instanceSubnets)).subnets())) {
      vpcIds.add(i.vpcId());
    }
    Filter inVpcs = Filter.builder().name("vpc-id").values(vpcIds).build();

    List<Vpc> vpcs = new ArrayList<>();
    for (var v :
        call(sourceRegion, "DescribeVpcs", ec2 -> ec2.describeVpcs(r -> r.vpcIds(vpcIds)).vpcs())) {
      boolean dnsSupport =
          call(
              sourceRegion,
              "DescribeVpcAttribute",
              ec2 ->
                  ec2.describeVpcAttribute(
                          r -> r.vpcId(v.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                      .enableDnsSupport()
                      .value());
      boolean dnsHostnames =
          call(
              sourceRegion,
              "DescribeVpcAttribute",
              ec2 ->
                  ec2.describeVpcAttribute(
                          r -> r.vpcId(v.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                      .enableDnsHostnames()
                      .value());
      vpcs.add(new Vpc(v.vpcId(), v.cidrBlock(), dnsSupport, dnsHostnames, name(v.tags())));
    }

    List<Subnet> subnets = new ArrayList<>();
    List<software.amazon.awssdk.services.ec2.model.Subnet> sourceSubnets =
        call(
            sourceRegion,
            "DescribeSubnets",
            ec2 ->
                ec2.describeSubnetsPaginator(r -> r.filters(inVpcs)).subnets().stream().toList());
    // the n-th zone the network uses at the source goes to the target region's n-th zone
    List<String> sourceZones =
        sourceSubnets.stream().map(s -> s.availabilityZone()).distinct().sorted().toList();
    List<String> targetZones =
        azMap.keySet().containsAll(sourceZones) ? List.of() : targetZones(targetRegion);
    for (var s : sourceSubnets) {
      String target = azMap.get(s.availabilityZone());
      if (target == null) {
        target = targetZones.get(sourceZones.indexOf(s.availabilityZone()) % targetZones.size());
      }
      subnets.add(
          new Subnet(
              s.subnetId(),
              s.vpcId(),
              s.cidrBlock(),
              s.availabilityZone(),
              target,
              Boolean.TRUE.equals(s.mapPublicIpOnLaunch()),
              name(s.tags())));
    }

    List<RouteTable> routeTables = new ArrayList<>();
    for (var t :
        call(
            sourceRegion,
            "DescribeRouteTables",
            ec2 ->
                ec2.describeRouteTablesPaginator(r -> r.filters(inVpcs)).routeTables().stream()
                    .toList())) {
      boolean main = t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
      List<String> served = new ArrayList<>();
      t.associations().stream()
          .filter(a -> a.subnetId() != null)
          .forEach(a -> served.add(a.subnetId()));
      List<Route> routes = new ArrayList<>();
      for (var r : t.routes()) {
        if ("local".equals(r.gatewayId()) || "CreateRouteTable".equals(r.originAsString())) {
          continue; // the VPC's own route: every new table has it
        }
        String destination = r.destinationCidrBlock();
        if (destination == null) {
          routes.add(new Route(null, null, null, describeTarget(r)));
        } else if (r.gatewayId() != null && r.gatewayId().startsWith("igw-")) {
          routes.add(new Route(destination, r.gatewayId(), null, null));
        } else if (r.natGatewayId() != null) {
          routes.add(new Route(destination, null, r.natGatewayId(), null));
        } else {
          routes.add(new Route(destination, null, null, describeTarget(r)));
        }
      }
      routeTables.add(
          new RouteTable(t.routeTableId(), t.vpcId(), main, served, routes, name(t.tags())));
    }
    // subnets without an explicit association use their VPC's main table
    for (Subnet s : subnets) {
      boolean associated = routeTables.stream().anyMatch(t -> t.subnetIds().contains(s.subnetId()));
      if (!associated) {
        routeTables.stream()
            .filter(t -> t.main() && t.vpcId().equals(s.vpcId()))
            .findFirst()
            .ifPresent(t -> t.subnetIds().add(s.subnetId()));
      }
    }

    List<InternetGateway> gateways = new ArrayList<>();
    for (var g :
        call(
            sourceRegion,
            "DescribeInternetGateways",
            ec2 ->
                ec2.describeInternetGateways(
                        r ->
                            r.filters(
                                Filter.builder().name("attachment.vpc-id").values(vpcIds).build()))
                    .internetGateways())) {
      g.attachments().stream()
          .filter(a -> vpcIds.contains(a.vpcId()))
          .findFirst()
          .ifPresent(
              a ->
                  gateways.add(
                      new InternetGateway(g.internetGatewayId(), a.vpcId(), name(g.tags()))));
    }

    List<NatGateway> nats = new ArrayList<>();
    for (var n :
        call(
            sourceRegion,
            "DescribeNatGateways",
            ec2 ->
                ec2
                    .describeNatGatewaysPaginator(
                        r ->
                            r.filter(
                                inVpcs,
                                Filter.builder()
                                    .name("state")
                                    .values("available", "pending")
                                    .build()))
                    .natGateways()
                    .stream()
                    .toList())) {
      nats.add(new NatGateway(n.natGatewayId(), n.subnetId(), n.vpcId(), name(n.tags())));
    }

    List<SecurityGroup> groups = new ArrayList<>();
    for (var g :
        call(
            sourceRegion,
            "DescribeSecurityGroups",
            ec2 ->
                ec2
                    .describeSecurityGroupsPaginator(r -> r.filters(inVpcs))
                    .securityGroups()
                    .stream()
                    .toList())) {
      groups.add(
          new SecurityGroup(
              g.groupId(),
              g.vpcId(),
              g.groupName(),
              g.description(),
              rules(g.ipPermissions()),
              rules(g.ipPermissionsEgress()),
              name(g.tags())));
    }
    return new SourceNetwork(
        sourceRegion, vpcs, subnets, routeTables, gateways, nats, groups, instances);
  }

  private List<String> targetZones(String region) {
    List<String> zones =
        call(
                region,
                "DescribeAvailabilityZones",
                ec2 -> ec2.describeAvailabilityZones().availabilityZones())
            .stream()
            .filter(z -> z.zoneType() == null || "availability-zone".equals(z.zoneType()))
            .map(z -> z.zoneName())
            .sorted()
            .toList();
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("DescribeAvailabilityZones lists no zone in " + region);
    }
    return zones;
  }

  /** One rule per peer, as CloudFormation's rule resources take them. */
  private static List<Rule> rules(List<IpPermission> permissions) {
    List<Rule> rules = new ArrayList<>();
    for (IpPermission p : permissions) {
      for (var range : p.ipRanges()) {
        rules.add(rule(p, range.cidrIp(), null, null, null, range.description()));
      }
      for (var range : p.ipv6Ranges()) {
        rules.add(rule(p, null, range.cidrIpv6(), null, null, range.description()));
      }
      for (var pair : p.userIdGroupPairs()) {
        rules.add(rule(p, null, null, pair.groupId(), null, pair.description()));
      }
      for (var list : p.prefixListIds()) {
        rules.add(
            rule(p, null, null, null, "prefix list " + list.prefixListId(), list.description()));
      }
    }
    return rules;
  }

  private static Rule rule(
      IpPermission p,
      String cidr,
      String cidrIpv6,
      String groupId,
      String other,
      String description) {
    return new Rule(
        p.ipProtocol(), p.fromPort(), p.toPort(), cidr, cidrIpv6, groupId, other, description);
  }

  private static String describeTarget(software.amazon.awssdk.services.ec2.model.Route r) {
    List<String> parts = new ArrayList<>();
    if (r.destinationCidrBlock() != null) parts.add(r.destinationCidrBlock());
    if (r.destinationIpv6CidrBlock() != null) parts.add(r.destinationIpv6CidrBlock());
    if (r.destinationPrefixListId() != null) parts.add(r.destinationPrefixListId());
    parts.add("->");
    for (String target :
        new String[] {
          r.gatewayId(),
          r.natGatewayId(),
          r.transitGatewayId(),
          r.vpcPeeringConnectionId(),
          r.networkInterfaceId(),
          r.instanceId(),
          r.egressOnlyInternetGatewayId(),
          r.carrierGatewayId(),
          r.localGatewayId()
        }) {
      if (target != null) parts.add(target);
    }
    return String.join(" ", parts);
  }

  private static String name(List<Tag> tags) {
    return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("");
  }

  private <T> T call(String region, String action, Function<Ec2Client, T> call) {
    return requests.describe(region, action, call);
  }
}
