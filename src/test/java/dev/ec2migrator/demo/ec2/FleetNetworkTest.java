package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** The demo fleet's network as the real SDK describes it, consistent with its instances. */
class FleetNetworkTest {
  private static final String REGION = "eu-west-1";
  private Ec2Simulator sim;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO));
    ec2 = SimClients.client(sim, REGION);
    sim.addFleet(REGION, new FleetSpec(42, 40));
  }

  @AfterEach
  void stop() {
    ec2.close();
    sim.close();
  }

  @Test
  void instancesSitInTheirVpcsSubnetsAndSecurityGroups() {
    List<Vpc> vpcs = ec2.describeVpcs().vpcs();
    assertThat(vpcs).hasSize(2);
    Map<String, Vpc> vpcById = vpcs.stream().collect(Collectors.toMap(Vpc::vpcId, v -> v));
    // paginated: 8 subnets in pages of 5
    List<Subnet> subnets =
        ec2.describeSubnetsPaginator(r -> r.maxResults(5)).subnets().stream().toList();
    assertThat(subnets).hasSize(8);
    List<String> zones =
        ec2.describeAvailabilityZones().availabilityZones().stream()
            .map(z -> z.zoneName())
            .toList();
    assertThat(zones).containsExactly(REGION + "a", REGION + "b", REGION + "c");
    subnets.forEach(s -> assertThat(zones).contains(s.availabilityZone()));
    Map<String, Subnet> subnetById =
        subnets.stream().collect(Collectors.toMap(Subnet::subnetId, s -> s));
    for (Vpc vpc : vpcs) {
      List<Subnet> own = subnets.stream().filter(s -> s.vpcId().equals(vpc.vpcId())).toList();
      assertThat(own).hasSize(4);
      assertThat(own.stream().map(Subnet::availabilityZone).distinct()).hasSize(2);
      assertThat(own.stream().filter(Subnet::mapPublicIpOnLaunch)).hasSize(2);
      own.forEach(s -> assertThat(new CidrCheck(vpc.cidrBlock()).contains(s.cidrBlock())).isTrue());
    }
    Map<String, SecurityGroup> groups =
        ec2.describeSecurityGroups().securityGroups().stream()
            .collect(Collectors.toMap(SecurityGroup::groupId, g -> g));
    List<Instance> instances =
        ec2.describeInstances().reservations().stream()
            .flatMap(r -> r.instances().stream())
            .toList();
    assertThat(instances).hasSize(40);
    for (Instance i : instances) {
      Subnet subnet = subnetById.get(i.subnetId());
      assertThat(subnet).as(i.instanceId()).isNotNull();
      assertThat(i.vpcId()).isEqualTo(subnet.vpcId());
      assertThat(vpcById).containsKey(i.vpcId());
      assertThat(new CidrCheck(subnet.cidrBlock()).contains(i.privateIpAddress() + "/32")).isTrue();
      assertThat(i.placement().availabilityZone()).isEqualTo(subnet.availabilityZone());
      assertThat(i.securityGroups()).isNotEmpty();
      i.securityGroups()
          .forEach(g -> assertThat(groups.get(g.groupId()).vpcId()).isEqualTo(i.vpcId()));
      assertThat(i.keyName()).startsWith("fleet-");
      assertThat(i.iamInstanceProfile().arn())
          .startsWith("arn:aws:iam::123456789012:instance-profile/");
      boolean web =
          i.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().startsWith("web-"));
      if (web) {
        assertThat(subnet.mapPublicIpOnLaunch()).as("web hosts are in public subnets").isTrue();
      }
    }
  }

  @Test
  void routesLeadToTheVpcsOwnGatewaysAndGroupsReferenceEachOther() {
    for (Vpc vpc : ec2.describeVpcs().vpcs()) {
      String vpcId = vpc.vpcId();
      Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
      String igw =
          ec2.describeInternetGateways(
                  r -> r.filters(Filter.builder().name("attachment.vpc-id").values(vpcId).build()))
              .internetGateways()
              .get(0)
              .internetGatewayId();
      String nat =
          ec2.describeNatGateways(r -> r.filter(inVpc)).natGateways().get(0).natGatewayId();
      List<RouteTable> tables = ec2.describeRouteTables(r -> r.filters(inVpc)).routeTables();
      assertThat(tables).hasSize(3); // main, public, private
      Set<String> publicSubnets =
          ec2
              .describeSubnets(
                  r ->
                      r.filters(
                          inVpc,
                          Filter.builder().name("map-public-ip-on-launch").values("true").build()))
              .subnets()
              .stream()
              .map(Subnet::subnetId)
              .collect(Collectors.toSet());
      for (RouteTable t : tables) {
        t.associations().stream()
            .filter(a -> a.subnetId() != null)
            .forEach(
                a -> {
                  var defaultRoute =
                      t.routes().stream()
                          .filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()))
                          .findFirst()
                          .orElseThrow();
                  if (publicSubnets.contains(a.subnetId())) {
                    assertThat(defaultRoute.gatewayId()).isEqualTo(igw);
                  } else {
                    assertThat(defaultRoute.natGatewayId()).isEqualTo(nat);
                  }
                });
      }
      Map<String, SecurityGroup> byName =
          ec2.describeSecurityGroups(r -> r.filters(inVpc)).securityGroups().stream()
              .collect(Collectors.toMap(SecurityGroup::groupName, g -> g));
      String prefix =
          byName.keySet().stream().filter(n -> n.endsWith("-web")).findFirst().orElseThrow();
      prefix = prefix.substring(0, prefix.length() - 4);
      assertThat(referenced(byName.get(prefix + "-app")))
          .contains(byName.get(prefix + "-web").groupId());
      assertThat(referenced(byName.get(prefix + "-db")))
          .contains(byName.get(prefix + "-app").groupId());
      assertThat(
              ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute("enableDnsSupport"))
                  .enableDnsSupport()
                  .value())
          .isTrue();
    }
    AwsServiceException missing =
        catchThrowableOfType(
            AwsServiceException.class, () -> ec2.describeVpcs(r -> r.vpcIds("vpc-0000dead")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
    assertThat(
            ec2.describeVpcs(
                    r -> r.filters(Filter.builder().name("tag:Name").values("fleet-core").build()))
                .vpcs())
        .hasSize(1);
  }

  private static List<String> referenced(SecurityGroup g) {
    return g.ipPermissions().stream()
        .flatMap((IpPermission p) -> p.userIdGroupPairs().stream())
        .map(p -> p.groupId())
        .toList();
  }

  /** Containment of dotted CIDR blocks, computed here apart from the simulator's own code. */
  private record CidrCheck(String block) {
    boolean contains(String inner) {
      long[] outer = parse(block);
      long[] in = parse(inner);
      long mask = outer[1] == 0 ? 0 : (0xFFFFFFFFL << (32 - outer[1])) & 0xFFFFFFFFL;
      return in[1] >= outer[1] && (in[0] & mask) == outer[0];
    }

    private static long[] parse(String cidr) {
      String[] parts = cidr.split("/");
      long a = 0;
      for (String octet : parts[0].split("\\.")) {
        a = a << 8 | Long.parseLong(octet);
      }
      return new long[] {a, Long.parseLong(parts[1])};
    }
  }
}
