package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** The network and launch calls through the real SDK, with EC2's refusals. */
class NetworkAndLaunchActionsTest {
  private static final String REGION = "ap-northeast-1";
  private Ec2Simulator sim;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    // 100x: an instance is pending 0.3 s and passes its checks after 1.8 s
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withTimeScale(100)
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO)
                .withSnapshotDuration(0, 0));
    ec2 = SimClients.client(sim, REGION);
  }

  @AfterEach
  void stop() {
    ec2.close();
    sim.close();
  }

  private static String code(Runnable call) {
    return catchThrowableOfType(AwsServiceException.class, call::run).awsErrorDetails().errorCode();
  }

  @Test
  void networkIsBuiltAndTornDownWithEc2sChecks() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
    ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
    assertThat(
            ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames"))
                .enableDnsHostnames()
                .value())
        .isTrue();
    String subnet =
        ec2.createSubnet(
                r ->
                    r.vpcId(vpc)
                        .cidrBlock("10.1.1.0/24")
                        .availabilityZone(REGION + "a")
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.SUBNET)
                                    .tags(g -> g.key("Name").value("web"))))
            .subnet()
            .subnetId();
    assertThat(code(() -> ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.128/25"))))
        .isEqualTo("InvalidSubnet.Conflict");
    assertThat(code(() -> ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.2.0.0/24"))))
        .isEqualTo("InvalidSubnet.Range");
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    String table = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    // a route to a gateway of another network is refused until the gateway is attached
    assertThat(
            code(
                () ->
                    ec2.createRoute(
                        r ->
                            r.routeTableId(table)
                                .destinationCidrBlock("0.0.0.0/0")
                                .gatewayId(igw))))
        .isEqualTo("InvalidParameterValue");
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    String association =
        ec2.associateRouteTable(r -> r.routeTableId(table).subnetId(subnet)).associationId();
    String web =
        ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
    String app =
        ec2.createSecurityGroup(r -> r.groupName("app").description("app").vpcId(vpc)).groupId();
    IpPermission fromWeb =
        IpPermission.builder()
            .ipProtocol("tcp")
            .fromPort(8080)
            .toPort(8080)
            .userIdGroupPairs(UserIdGroupPair.builder().groupId(web).build())
            .build();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(app).ipPermissions(fromWeb));
    assertThat(
            code(
                () ->
                    ec2.authorizeSecurityGroupIngress(r -> r.groupId(app).ipPermissions(fromWeb))))
        .isEqualTo("InvalidPermission.Duplicate");
    assertThat(code(() -> ec2.deleteSecurityGroup(r -> r.groupId(web))))
        .isEqualTo("DependencyViolation");
    assertThat(code(() -> ec2.deleteVpc(r -> r.vpcId(vpc)))).isEqualTo("DependencyViolation");

    ec2.revokeSecurityGroupIngress(r -> r.groupId(app).ipPermissions(fromWeb));
    ec2.deleteSecurityGroup(r -> r.groupId(web));
    ec2.deleteSecurityGroup(r -> r.groupId(app));
    ec2.disassociateRouteTable(r -> r.associationId(association));
    ec2.deleteRouteTable(r -> r.routeTableId(table));
    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
    assertThat(ec2.describeVpcs().vpcs()).isEmpty();
    assertThat(ec2.describeSecurityGroups().securityGroups()).isEmpty();
  }

  @Test
  void runInstancesBootsAndPassesStatusChecksAfterTheDelay() throws Exception {
    SimInstance source = sim.addFleet(REGION, new FleetSpec(5, 1, 2)).get(0);
    List<String> snaps =
        ec2
            .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(source.instanceId())))
            .snapshots()
            .stream()
            .map(s -> s.snapshotId())
            .toList();
    String image =
        ec2.registerImage(
                r ->
                    r.name("boot-me")
                        .architecture("x86_64")
                        .virtualizationType("hvm")
                        .rootDeviceName(source.rootDeviceName())
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName(source.rootDeviceName())
                                .ebs(e -> e.snapshotId(snaps.get(0)))
                                .build(),
                            BlockDeviceMapping.builder()
                                .deviceName("/dev/sdf")
                                .ebs(e -> e.snapshotId(snaps.get(1)).deleteOnTermination(false))
                                .build()))
            .imageId();
    Instance launched =
        ec2.runInstances(
                r ->
                    r.imageId(image)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .subnetId(source.subnetId())
                        .keyName("ops"))
            .instances()
            .get(0);
    assertThat(launched.state().nameAsString()).isEqualTo("pending");
    assertThat(launched.blockDeviceMappings())
        .extracting(b -> b.deviceName())
        .containsExactly(source.rootDeviceName(), "/dev/sdf");
    assertThat(
            code(
                () ->
                    ec2.runInstances(
                        r ->
                            r.imageId("ami-0000000000000dead")
                                .minCount(1)
                                .maxCount(1)
                                .subnetId(source.subnetId()))))
        .isEqualTo("InvalidAMIID.NotFound");
    assertThat(
            code(
                () ->
                    ec2.runInstances(
                        r -> r.imageId(image).minCount(1).maxCount(1).subnetId("subnet-0000dead"))))
        .isEqualTo("InvalidSubnetID.NotFound");

    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 400 && !seen.contains("ok"); i++) {
      var statuses =
          ec2.describeInstanceStatus(
                  r -> r.instanceIds(launched.instanceId()).includeAllInstances(true))
              .instanceStatuses();
      String s =
          statuses.get(0).instanceState().nameAsString()
              + "/"
              + statuses.get(0).instanceStatus().statusAsString();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
        seen.add(s);
      }
      if (s.endsWith("/ok")) {
        seen.add("ok");
      }
      Thread.sleep(10);
    }
    assertThat(seen).contains("running/initializing", "running/ok");
    assertThat(seen.get(seen.size() - 2)).isEqualTo("running/ok");

    var terminated =
        ec2.terminateInstances(r -> r.instanceIds(launched.instanceId()))
            .terminatingInstances()
            .get(0);
    assertThat(terminated.currentState().nameAsString()).isEqualTo("terminated");
    // the root volume goes with the instance, the data volume (DeleteOnTermination false) stays
    var left =
        ec2.describeVolumes(r -> r.filters(f -> f.name("snapshot-id").values(snaps))).volumes();
    assertThat(left).hasSize(1);
    assertThat(left.get(0).stateAsString()).isEqualTo("available");
    ec2.deleteVolume(r -> r.volumeId(left.get(0).volumeId()));
  }
}
