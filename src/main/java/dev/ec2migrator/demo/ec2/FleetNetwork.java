package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.ec2.NetworkState.Address;
import dev.ec2migrator.demo.ec2.NetworkState.Association;
import dev.ec2migrator.demo.ec2.NetworkState.InternetGateway;
import dev.ec2migrator.demo.ec2.NetworkState.NatGateway;
import dev.ec2migrator.demo.ec2.NetworkState.Route;
import dev.ec2migrator.demo.ec2.NetworkState.RouteTable;
import dev.ec2migrator.demo.ec2.NetworkState.Rule;
import dev.ec2migrator.demo.ec2.NetworkState.SecurityGroup;
import dev.ec2migrator.demo.ec2.NetworkState.Subnet;
import dev.ec2migrator.demo.ec2.NetworkState.Vpc;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of a generated fleet, built once per fleet: per VPC an internet gateway, a NAT
 * gateway in the first public subnet, a public route table (default route to the internet gateway)
 * and a private one (default route to the NAT gateway), and the tiers' security groups referencing
 * each other: bastion -> web -> app -> db. Ids derive from the fleet's seed.
 */
final class FleetNetwork {
  /** Text that must stay inert wherever the migrator copies names and tags. */
  static final String HOSTILE_NAME =
      "legacy \"core\" {{resolve:secretsmanager:prod/db:SecretString}}";

  private final FleetGenerator generator;
  private final RegionState state;
  private final long seed;
  private final String region;
  private final Instant now;
  private final Map<String, Map<Integer, String>> groupIds = new LinkedHashMap<>();
  private long counter;

  FleetNetwork(FleetGenerator generator, RegionState state, long seed, String region, Instant now) {
    this.generator = generator;
    this.state = state;
    this.seed = seed;
    this.region = region;
    this.now = now;
  }

  private String id(String prefix) {
    return Ids.of(prefix, seed, region.hashCode(), ++counter);
  }

  /** Creates the VPCs and everything in them. */
  void install() {
    NetworkState net = state.network;
    for (int v = 0; v < FleetGenerator.VPCS; v++) {
      int vpcIndex = v;
      String vpcId = generator.vpcId(v);
      String vpcName = "fleet-" + (v == 0 ? "core" : "edge");
      Vpc vpc = new Vpc(vpcId, "10." + generator.vpcOctet(v) + ".0.0/16", state.nextSeq());
      vpc.dnsHostnames = v == 0;
      net.vpcs.put(vpcId, vpc);
      Map<String, String> vpcTags = new LinkedHashMap<>();
      vpcTags.put("Name", vpcName);
      if (v == 1) {
        vpcTags.put("Notes", HOSTILE_NAME);
      }
      state.putTags(vpcId, vpcTags);

      RouteTable main = new RouteTable(id("rtb"), vpcId, state.nextSeq());
      main.routes.add(new Route(vpc.cidr, "local", null, "CreateRouteTable"));
      main.associations.add(new Association(id("rtbassoc"), null, true));
      net.routeTables.put(main.id, main);
      vpc.mainRouteTableId = main.id;

      InternetGateway igw = new InternetGateway(id("igw"), state.nextSeq());
      igw.vpcId = vpcId;
      net.internetGateways.put(igw.id, igw);
      state.putTags(igw.id, Map.of("Name", vpcName + "-igw"));

      List<FleetGenerator.Subnet> subnets =
          generator.subnets().stream().filter(s -> s.vpc() == vpcIndex).toList();
      for (FleetGenerator.Subnet s : subnets) {
        String cidr = "10." + generator.vpcOctet(v) + "." + s.octet() + ".0/20";
        net.subnets.put(
            s.subnetId(),
            new Subnet(
                s.subnetId(), vpcId, cidr, s.availabilityZone(), s.isPublic(), state.nextSeq()));
        state.putTags(
            s.subnetId(),
            Map.of(
                "Name",
                vpcName + (s.isPublic() ? "-public-" : "-private-") + s.availabilityZone()));
      }

      FleetGenerator.Subnet natSubnet =
          subnets.stream().filter(FleetGenerator.Subnet::isPublic).findFirst().orElseThrow();
      Address eip = new Address(id("eipalloc"), "203.0.113." + (10 + v), state.nextSeq());
      net.addresses.put(eip.allocationId(), eip);
      NatGateway nat =
          new NatGateway(
              id("nat"),
              natSubnet.subnetId(),
              vpcId,
              eip.allocationId(),
              eip.publicIp(),
              "10." + generator.vpcOctet(v) + "." + natSubnet.octet() + ".250",
              "public",
              now,
              now,
              null,
              state.nextSeq());
      net.natGateways.put(nat.id(), nat);
      state.putTags(nat.id(), Map.of("Name", vpcName + "-nat"));

      RouteTable pub = routeTable(vpc, vpcName + "-public", igw.id, null);
      RouteTable priv = routeTable(vpc, vpcName + "-private", null, nat.id());
      for (FleetGenerator.Subnet s : subnets) {
        (s.isPublic() ? pub : priv)
            .associations.add(new Association(id("rtbassoc"), s.subnetId(), false));
      }
      groups(vpc, vpcName, v);
    }
  }

  private RouteTable routeTable(Vpc vpc, String name, String igwId, String natId) {
    RouteTable t = new RouteTable(id("rtb"), vpc.id, state.nextSeq());
    t.routes.add(new Route(vpc.cidr, "local", null, "CreateRouteTable"));
    t.routes.add(new Route("0.0.0.0/0", igwId, natId, "CreateRoute"));
    state.network.routeTables.put(t.id, t);
    state.putTags(t.id, Map.of("Name", name));
    return t;
  }

  private void groups(Vpc vpc, String vpcName, int v) {
    SecurityGroup dflt = group(vpc, "default", "default VPC security group");
    dflt.ingress.add(new Rule(id("sgr"), "-1", null, null, null, dflt.id, null));
    vpc.defaultGroupId = dflt.id;
    SecurityGroup bastion = group(vpc, vpcName + "-bastion", "SSH from the office");
    bastion.ingress.add(new Rule(id("sgr"), "tcp", 22, 22, "198.51.100.0/24", null, "office"));
    SecurityGroup web =
        group(
            vpc,
            vpcName + "-web",
            v == 1 ? "web tier {{resolve:ssm:/demo/param}} & \"quotes\"" : "web tier");
    web.ingress.add(new Rule(id("sgr"), "tcp", 80, 80, "0.0.0.0/0", null, "HTTP"));
    web.ingress.add(new Rule(id("sgr"), "tcp", 443, 443, "0.0.0.0/0", null, "HTTPS"));
    web.ingress.add(new Rule(id("sgr"), "tcp", 22, 22, null, bastion.id, "SSH from bastion"));
    SecurityGroup app = group(vpc, vpcName + "-app", "application tier");
    app.ingress.add(new Rule(id("sgr"), "tcp", 8080, 8080, null, web.id, "from web"));
    app.ingress.add(new Rule(id("sgr"), "tcp", 22, 22, null, bastion.id, "SSH from bastion"));
    SecurityGroup db = group(vpc, vpcName + "-db", "database tier");
    db.ingress.add(new Rule(id("sgr"), "tcp", 5432, 5432, null, app.id, "PostgreSQL from app"));
    db.ingress.add(new Rule(id("sgr"), "tcp", 22, 22, null, bastion.id, "SSH from bastion"));
    // the database answers only inside the VPC
    db.egress.clear();
    db.egress.add(new Rule(id("sgr"), "-1", null, null, vpc.cidr, null, null));
    Map<Integer, String> byTier = new LinkedHashMap<>();
    byTier.put(0, bastion.id);
    byTier.put(1, web.id);
    byTier.put(2, app.id);
    byTier.put(3, db.id);
    groupIds.put(vpc.id, byTier);
  }

  private SecurityGroup group(Vpc vpc, String name, String description) {
    SecurityGroup g = new SecurityGroup(id("sg"), name, description, vpc.id, state.nextSeq());
    g.egress.add(new Rule(id("sgr"), "-1", null, null, "0.0.0.0/0", null, null));
    state.network.securityGroups.put(g.id, g);
    state.putTags(g.id, Map.of("Name", name));
    return g;
  }

  /** The security groups, key pair and instance profile a generated instance runs with. */
  Launch launchOf(SimInstance i, String vpcId, String ownerId) {
    String role = generator.role(i.instanceId());
    int tier =
        switch (role) {
          case "jump" -> 0;
          case "web" -> 1;
          case "db", "oel55" -> 3;
          default -> 2;
        };
    String environment = i.tags().getOrDefault("Environment", "prod");
    return new Launch(
        List.of(groupIds.get(vpcId).get(tier)),
        "fleet-" + environment,
        "arn:aws:iam::" + ownerId + ":instance-profile/" + role + "-instance",
        null,
        null);
  }
}
