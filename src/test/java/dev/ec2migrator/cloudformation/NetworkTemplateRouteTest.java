package dev.ec2migrator.cloudformation;

import static dev.ec2migrator.cloudformation.HostileTextRouteTest.defused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2migrator.network.SourceNetwork;
import dev.ec2migrator.network.SourceNetwork.InstanceNetwork;
import dev.ec2migrator.network.SourceNetwork.InternetGateway;
import dev.ec2migrator.network.SourceNetwork.NatGateway;
import dev.ec2migrator.network.SourceNetwork.Route;
import dev.ec2migrator.network.SourceNetwork.RouteTable;
import dev.ec2migrator.network.SourceNetwork.Rule;
import dev.ec2migrator.network.SourceNetwork.SecurityGroup;
import dev.ec2migrator.network.SourceNetwork.Subnet;
import dev.ec2migrator.network.SourceNetwork.Vpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * migrator.network.mode = recreate, from a network description in the outbox: the network stack
 * holds the VPC, subnets, gateways, routes and groups with references rewritten to the new groups;
 * instances import the copies of their own subnet and groups; hostile names and descriptions stay
 * inert; cfn-lint passes; a tampered description is refused naming the file and the reason.
 */
class NetworkTemplateRouteTest extends CloudFormationRouteTestSupport {
  private static final String VPC = "vpc-0000000a";
  private static final String WEB = "sg-00000001";
  private static final String DB = "sg-00000002";
  private static final String RUN = ResultsCsvFixture.RUN_ID;

  @Override
  Map<String, String> extraProperties() {
    return Map.of("migrator.network.mode", "recreate");
  }

  static SourceNetwork network(String hostile, String webCidr) {
    String subnet1 = ResultsCsvFixture.subnetId(1);
    String subnet2 = ResultsCsvFixture.subnetId(2);
    return new SourceNetwork(
        "us-east-1",
        List.of(new Vpc(VPC, "10.0.0.0/16", true, true, hostile)),
        List.of(
            new Subnet(subnet1, VPC, "10.0.1.0/24", "us-east-1b", "ap-southeast-2b", true, hostile),
            new Subnet(subnet2, VPC, "10.0.2.0/24", "us-east-1c", "ap-southeast-2c", false, "")),
        List.of(
            new RouteTable(
                "rtb-0000000b",
                VPC,
                true,
                new ArrayList<>(List.of(subnet1)),
                List.of(new Route("0.0.0.0/0", "igw-0000000d", null, null)),
                hostile),
            new RouteTable(
                "rtb-0000000c",
                VPC,
                false,
                new ArrayList<>(List.of(subnet2)),
                List.of(
                    new Route("0.0.0.0/0", null, "nat-0000000e", null),
                    new Route("172.16.0.0/12", null, null, "172.16.0.0/12 -> pcx-0000000f")),
                "")),
        List.of(new InternetGateway("igw-0000000d", VPC, hostile)),
        List.of(new NatGateway("nat-0000000e", subnet1, VPC, hostile)),
        List.of(
            new SecurityGroup(
                WEB,
                VPC,
                "web",
                hostile,
                List.of(new Rule("tcp", 443, 443, webCidr, null, null, null, hostile)),
                List.of(new Rule("-1", null, null, "0.0.0.0/0", null, null, null, null)),
                hostile),
            new SecurityGroup(
                DB,
                VPC,
                "db",
                "db",
                List.of(
                    new Rule("tcp", 5432, 5432, null, null, WEB, null, hostile),
                    new Rule("tcp", 5432, 5432, null, null, DB, null, null),
                    new Rule("tcp", 22, 22, null, null, null, "prefix list pl-00000001", null)),
                List.of(new Rule("tcp", 443, 443, null, null, WEB, null, null)),
                "")),
        Map.of(
            ResultsCsvFixture.instanceId(1),
            new InstanceNetwork(
                ResultsCsvFixture.instanceId(1),
                subnet1,
                List.of(WEB),
                // EC2 key pair names are printable ASCII, 255 at most
                printableAscii(hostile) ? hostile : "ops",
                "arn:aws-cn:iam::123456789012:instance-profile/apps/web-profile"),
            ResultsCsvFixture.instanceId(2),
            new InstanceNetwork(
                ResultsCsvFixture.instanceId(2), subnet2, List.of(WEB, DB), null, null)));
  }

  private static boolean printableAscii(String text) {
    return text.length() <= 255 && text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
  }

  private Path writeNetwork(SourceNetwork network) throws Exception {
    Path file = outbox.resolve(RUN + ".network.json");
    new ObjectMapper().writeValue(file.toFile(), network);
    return file;
  }

  private static String fleet() {
    return new ResultsCsvFixture().migrated(1, 1, 1).migrated(2, 2, 0).csv();
  }

  @Test
  void theNetworkStackRecreatesTheVpcAndTheInstancesImportTheirOwnSubnetAndGroups()
      throws Exception {
    List<String> hostiles = HostileTextRouteTest.HOSTILE;
    List<Path> all = new ArrayList<>();
    for (int n = 0; n < hostiles.size(); n++) {
      String hostile = hostiles.get(n).isEmpty() ? "x" : hostiles.get(n);
      writeNetwork(network(hostile, "0.0.0.0/0"));
      List<Path> files = render(fleet());
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .containsExactly(RUN + ".network.cloudformation.yaml", RUN + ".cloudformation.yaml");
      Map<String, Object> net = parse(files.get(0));
      Map<String, Object> instances = parse(files.get(1));
      String expected = defused(hostile);

      assertThat(tag(map(net, "Resources", "Vpc0000000a", "Properties"), "Name"))
          .isEqualTo(expected);
      // EC2 takes only a-z A-Z 0-9 space ._-:/()#,@[]+=&;{}!$* in group texts, 255 at most
      String groupText = hostile.replaceAll("[^a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]", "_");
      String expectedGroupText = defused(groupText.substring(0, Math.min(255, groupText.length())));
      assertThat(map(net, "Resources", "SecurityGroup00000001", "Properties"))
          .containsEntry("GroupDescription", expectedGroupText);
      // the db group's rules name the NEW groups
      Map<String, Object> fromWeb = map(net, "Resources", "Ingress00000002N1", "Properties");
      assertThat(fromWeb.get("SourceSecurityGroupId"))
          .isEqualTo(Map.of("Fn::GetAtt", List.of("SecurityGroup00000001", "GroupId")));
      assertThat(fromWeb).containsEntry("Description", expectedGroupText);
      assertThat(
              map(net, "Resources", "Egress00000002N4", "Properties")
                  .get("DestinationSecurityGroupId"))
          .isEqualTo(Map.of("Fn::GetAtt", List.of("SecurityGroup00000001", "GroupId")));
      assertThat(map(net, "Resources", "RouteTable0000000cN1".replace("Table", ""), "Properties"))
          .containsEntry("NatGatewayId", Map.of("Ref", "NatGateway0000000e"));
      assertThat(map(net, "Resources", "Subnet00000001", "Properties"))
          .containsEntry("CidrBlock", "10.0.1.0/24")
          .containsEntry("AvailabilityZone", "ap-southeast-2b");
      assertThat(map(net, "Metadata", "ec2-region-migrator").get("NotRecreated").toString())
          .contains("pcx-0000000f")
          .contains("prefix list pl-00000001");

      Map<String, Object> web =
          map(instances, "Resources", "Instance00000000000000001", "Properties");
      assertThat(web.get("SubnetId"))
          .isEqualTo(Map.of("Fn::ImportValue", "migrator-" + RUN + "-subnet-00000001"));
      assertThat(web.get("SecurityGroupIds"))
          .isEqualTo(List.of(Map.of("Fn::ImportValue", "migrator-" + RUN + "-" + WEB)));
      assertThat(web).containsEntry("IamInstanceProfile", "web-profile");
      assertThat(web).containsEntry("KeyName", printableAscii(hostile) ? expected : "ops");
      Map<String, Object> db =
          map(instances, "Resources", "Instance00000000000000002", "Properties");
      assertThat(db.get("SecurityGroupIds"))
          .isEqualTo(
              List.of(
                  Map.of("Fn::ImportValue", "migrator-" + RUN + "-" + WEB),
                  Map.of("Fn::ImportValue", "migrator-" + RUN + "-" + DB)));
      assertThat(map(instances, "Parameters").keySet()).containsExactly("KeepPrivateIp");
      if (n % 10 == 0) {
        for (Path f : files) {
          Path copy = outbox.resolve("lint-" + n + "-" + f.getFileName());
          Files.copy(f, copy);
          all.add(copy);
        }
      }
    }
    CfnLintTest.assertLintClean(all);
  }

  @Test
  void aTamperedNetworkDescriptionIsRefusedNamingTheFileAndTheReason() throws Exception {
    writeNetwork(network("web", "0.0.0.0/0\nResources: {}"));
    assertThat(renderFailure(fleet()).getMessage())
        .contains(RUN + ".network.json")
        .contains(WEB + " ingress")
        .contains("is not an IPv4 CIDR");
  }
}
