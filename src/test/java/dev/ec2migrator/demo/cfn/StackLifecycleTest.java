package dev.ec2migrator.demo.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ec2migrator.demo.ec2.Ec2Simulator;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.FleetSpec;
import dev.ec2migrator.demo.ec2.SimInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Volume;

/** Stacks through the real SDK's CloudFormation client, their resources through its EC2 client. */
class StackLifecycleTest {
  private static final String REGION = "us-west-2";
  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-secret-not-a-real-key"));

  /** Short forms (!Ref, !GetAtt, !Sub) and long forms, as templates use both. */
  private static final String TEMPLATE =
      """
      AWSTemplateFormatVersion: "2010-09-09"
      Description: one instance with a data volume in a new VPC
      Parameters:
        ImageId:
          Type: String
        DataSnapshotId:
          Type: String
        Cidr:
          Type: String
          Default: 10.20.0.0/16
      Resources:
        Vpc:
          Type: AWS::EC2::VPC
          Properties:
            CidrBlock: !Ref Cidr
            EnableDnsHostnames: true
            Tags:
              - Key: Name
                Value: !Sub "${AWS::StackName}-vpc"
        Subnet:
          Type: AWS::EC2::Subnet
          Properties:
            VpcId: !Ref Vpc
            CidrBlock: 10.20.1.0/24
            AvailabilityZone: !Select [1, !GetAZs ""]
        Web:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: web
            VpcId: {Ref: Vpc}
            SecurityGroupIngress:
              - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        App:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: app
            VpcId: !Ref Vpc
        AppFromWeb:
          Type: AWS::EC2::SecurityGroupIngress
          Properties:
            GroupId: !GetAtt App.GroupId
            IpProtocol: tcp
            FromPort: 8080
            ToPort: 8080
            SourceSecurityGroupId: !Ref Web
        Server:
          Type: AWS::EC2::Instance
          Properties:
            ImageId: !Ref ImageId
            InstanceType: t3.micro
            SubnetId: !Ref Subnet
            SecurityGroupIds: [!Ref App]
            KeyName: ops
            IamInstanceProfile: app-instance
            Tags:
              - {Key: Name, Value: "server {{resolve:ssm:/x}}"}
        Data:
          Type: AWS::EC2::Volume
          Properties:
            SnapshotId: !Ref DataSnapshotId
            AvailabilityZone:
              Fn::GetAtt: [Server, AvailabilityZone]
            VolumeType: gp3
        DataAttachment:
          Type: AWS::EC2::VolumeAttachment
          Properties:
            InstanceId: !Ref Server
            VolumeId: !Ref Data
            Device: /dev/sdg
      Outputs:
        ServerId:
          Value: !Ref Server
        ServerIp:
          Value: !GetAtt Server.PrivateIp
      """;

  private Ec2Simulator sim;
  private CloudFormationSimulator cfnSim;
  private Ec2Client ec2;
  private CloudFormationClient cfn;
  private List<String> snapshots;
  private String imageId;

  @BeforeEach
  void start() {
    sim =
        Ec2Simulator.start(
            Ec2SimulatorSettings.defaults()
                .withThrottlingEnabled(false)
                .withDefaultLatency(Duration.ZERO)
                .withSnapshotDuration(0, 0));
    cfnSim = CloudFormationSimulator.attach(sim);
    ec2 =
        Ec2Client.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(DUMMY)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    cfn =
        CloudFormationClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(DUMMY)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    SimInstance source = sim.addFleet(REGION, new FleetSpec(7, 1, 2)).get(0);
    snapshots =
        ec2
            .createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(source.instanceId())))
            .snapshots()
            .stream()
            .map(s -> s.snapshotId())
            .toList();
    imageId =
        ec2.registerImage(
                r ->
                    r.name("migrated-root")
                        .architecture("x86_64")
                        .virtualizationType("hvm")
                        .rootDeviceName(source.rootDeviceName())
                        .blockDeviceMappings(
                            BlockDeviceMapping.builder()
                                .deviceName(source.rootDeviceName())
                                .ebs(e -> e.snapshotId(snapshots.get(0)))
                                .build()))
            .imageId();
  }

  @AfterEach
  void stop() {
    cfn.close();
    ec2.close();
    cfnSim.close();
    sim.close();
  }

  private Stack waitForStack(String name) {
    for (int i = 0; i < 600; i++) {
      Stack s = cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
      if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
        return s;
      }
      sleep(20);
    }
    throw new AssertionError(name + " still in progress");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private List<Parameter> parameters(String image) {
    return List.of(
        Parameter.builder().parameterKey("ImageId").parameterValue(image).build(),
        Parameter.builder()
            .parameterKey("DataSnapshotId")
            .parameterValue(snapshots.get(1))
            .build());
  }

  private Filter stackTag(String name) {
    return Filter.builder().name("tag:aws:cloudformation:stack-name").values(name).build();
  }

  @Test
  void stackCreatesTheResourcesInEc2AndDeleteRemovesThem() {
    assertThat(cfn.validateTemplate(r -> r.templateBody(TEMPLATE)).parameters())
        .extracting(p -> p.parameterKey())
        .containsExactly("ImageId", "DataSnapshotId", "Cidr");
    cfn.createStack(
        r -> r.stackName("fleet-1").templateBody(TEMPLATE).parameters(parameters(imageId)));
    Stack stack = waitForStack("fleet-1");
    assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    Map<String, String> outputs =
        stack.outputs().stream()
            .collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));

    Instance server =
        ec2.describeInstances(r -> r.instanceIds(outputs.get("ServerId")))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(server.state().nameAsString()).isEqualTo("running");
    assertThat(server.imageId()).isEqualTo(imageId);
    assertThat(server.privateIpAddress()).isEqualTo(outputs.get("ServerIp")).startsWith("10.20.1.");
    assertThat(server.placement().availabilityZone()).isEqualTo(REGION + "b");
    assertThat(server.keyName()).isEqualTo("ops");
    assertThat(server.iamInstanceProfile().arn()).endsWith(":instance-profile/app-instance");
    assertThat(server.tags())
        .anySatisfy(t -> assertThat(t.value()).isEqualTo("server {{resolve:ssm:/x}}"));
    assertThat(server.blockDeviceMappings())
        .extracting(b -> b.deviceName())
        .containsExactly(server.rootDeviceName(), "/dev/sdg");
    List<Volume> volumes =
        ec2.describeVolumes(
                r ->
                    r.filters(
                        Filter.builder()
                            .name("attachment.instance-id")
                            .values(server.instanceId())
                            .build()))
            .volumes();
    assertThat(volumes).hasSize(2);
    Volume data =
        volumes.stream()
            .filter(v -> v.snapshotId().equals(snapshots.get(1)))
            .findFirst()
            .orElseThrow();
    assertThat(data.attachments().get(0).device()).isEqualTo("/dev/sdg");
    assertThat(data.volumeTypeAsString()).isEqualTo("gp3");
    // the web group's rule references the app group created by the same stack
    var app =
        ec2.describeSecurityGroups(r -> r.groupIds(server.securityGroups().get(0).groupId()))
            .securityGroups()
            .get(0);
    assertThat(app.ipPermissions().get(0).userIdGroupPairs().get(0).groupId()).startsWith("sg-");

    // status checks pass after the simulated delay
    String checks = "";
    for (int i = 0; i < 500 && !checks.equals("ok"); i++) {
      var statuses =
          ec2.describeInstanceStatus(r -> r.instanceIds(server.instanceId())).instanceStatuses();
      checks = statuses.isEmpty() ? "" : statuses.get(0).instanceStatus().statusAsString();
      sleep(10);
    }
    assertThat(checks).isEqualTo("ok");

    List<StackResource> resources =
        cfn.describeStackResources(r -> r.stackName("fleet-1")).stackResources();
    assertThat(resources)
        .hasSize(8)
        .allSatisfy(r -> assertThat(r.resourceStatusAsString()).isEqualTo("CREATE_COMPLETE"));

    cfn.deleteStack(r -> r.stackName("fleet-1"));
    Stack deleted = waitForStack(stack.stackId());
    assertThat(deleted.stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
    assertThat(cfn.describeStacks().stacks()).isEmpty();
    assertThat(ec2.describeVpcs(r -> r.filters(stackTag("fleet-1"))).vpcs()).isEmpty();
    assertThat(ec2.describeSubnets(r -> r.filters(stackTag("fleet-1"))).subnets()).isEmpty();
    assertThat(ec2.describeSecurityGroups(r -> r.filters(stackTag("fleet-1"))).securityGroups())
        .isEmpty();
    assertThat(ec2.describeVolumes(r -> r.filters(stackTag("fleet-1"))).volumes()).isEmpty();
    assertThat(
            ec2.describeInstances(r -> r.instanceIds(server.instanceId()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .nameAsString())
        .isEqualTo("terminated");
    CloudFormationException gone =
        catchThrowableOfType(
            CloudFormationException.class, () -> cfn.describeStacks(r -> r.stackName("fleet-1")));
    assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(gone.awsErrorDetails().errorMessage())
        .isEqualTo("Stack with id fleet-1 does not exist");
  }

  @Test
  void aBadImageFailsItsResourceAndTheStackRollsBackLeavingNothing() {
    cfn.createStack(
        r ->
            r.stackName("bad-image")
                .templateBody(TEMPLATE)
                .parameters(parameters("ami-0000000000000dead")));
    Stack stack = waitForStack("bad-image");
    assertThat(stack.stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
    assertThat(stack.stackStatusReason()).contains("[Server]");
    List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName("bad-image")).stackEvents();
    StackEvent failed =
        events.stream()
            .filter(e -> e.resourceStatusAsString().equals("CREATE_FAILED"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.logicalResourceId()).isEqualTo("Server");
    assertThat(failed.resourceStatusReason())
        .contains("The image id '[ami-0000000000000dead]' does not exist")
        .contains("InvalidAMIID.NotFound");
    // newest first: the rollback's end is the first event
    assertThat(events.get(0).resourceStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
    assertThat(ec2.describeVpcs(r -> r.filters(stackTag("bad-image"))).vpcs()).isEmpty();
    assertThat(ec2.describeSecurityGroups(r -> r.filters(stackTag("bad-image"))).securityGroups())
        .isEmpty();
    assertThat(cfnSim.counters().calls(REGION, "CreateStack")).isEqualTo(1);

    // a subnet parameter that names no subnet is refused before anything is made
    String withSubnetParameter =
        """
        Parameters:
          Subnet:
            Type: AWS::EC2::Subnet::Id
        Resources:
          Nothing:
            Type: AWS::CloudFormation::WaitConditionHandle
        """;
    CloudFormationException refused =
        catchThrowableOfType(
            CloudFormationException.class,
            () ->
                cfn.createStack(
                    r ->
                        r.stackName("bad-subnet")
                            .templateBody(withSubnetParameter)
                            .parameters(
                                Parameter.builder()
                                    .parameterKey("Subnet")
                                    .parameterValue("subnet-0000dead")
                                    .build())));
    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(refused.awsErrorDetails().errorMessage()).contains("subnet-0000dead");
  }

  @Test
  void updateAddsAndRemovesResources() {
    String one =
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.30.0.0/16}
          A:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.30.1.0/24}
        """;
    String two =
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.30.0.0/16}
          B:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.30.2.0/24}
        """;
    cfn.createStack(r -> r.stackName("net").templateBody(one));
    assertThat(waitForStack("net").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    String vpc =
        cfn.describeStackResources(r -> r.stackName("net").logicalResourceId("Vpc"))
            .stackResources()
            .get(0)
            .physicalResourceId();
    cfn.updateStack(r -> r.stackName("net").templateBody(two));
    assertThat(waitForStack("net").stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
    assertThat(
            ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .subnets())
        .extracting(s -> s.cidrBlock())
        .containsExactly("10.30.2.0/24");
    CloudFormationException noChange =
        catchThrowableOfType(
            CloudFormationException.class,
            () -> cfn.updateStack(r -> r.stackName("net").templateBody(two)));
    assertThat(noChange.awsErrorDetails().errorMessage())
        .isEqualTo("No updates are to be performed.");
  }

  @Test
  void aStackImportsAnotherStacksExportsWhichCannotGoFirst() {
    String network =
        """
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.40.0.0/16}
          Subnet:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.40.1.0/24}
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties: {VpcId: !Ref Vpc, GroupDescription: app}
        Outputs:
          SubnetOut:
            Value: !Ref Subnet
            Export: {Name: run-1-subnet}
          GroupOut:
            Value: !GetAtt Group.GroupId
            Export: {Name: run-1-group}
        """;
    String instances =
        """
        Parameters:
          ImageId: {Type: String}
        Resources:
          Server:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !Ref ImageId
              SubnetId: !ImportValue run-1-subnet
              SecurityGroupIds: [!ImportValue run-1-group]
        """;
    cfn.createStack(r -> r.stackName("run-1-network").templateBody(network));
    assertThat(waitForStack("run-1-network").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    String partId =
        cfn.createStack(
                r ->
                    r.stackName("run-1-part-1")
                        .templateBody(instances)
                        .parameters(
                            Parameter.builder()
                                .parameterKey("ImageId")
                                .parameterValue(imageId)
                                .build()))
            .stackId();
    assertThat(waitForStack("run-1-part-1").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");

    cfn.deleteStack(r -> r.stackName("run-1-network"));
    Stack refused = waitForStack("run-1-network");
    assertThat(refused.stackStatusAsString()).isEqualTo("DELETE_FAILED");
    assertThat(refused.stackStatusReason())
        .isEqualTo("Export run-1-subnet cannot be deleted as it is in use by run-1-part-1");

    cfn.deleteStack(r -> r.stackName("run-1-part-1"));
    assertThat(waitForStack(partId).stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
    String networkId = refused.stackId();
    cfn.deleteStack(r -> r.stackName("run-1-network"));
    assertThat(waitForStack(networkId).stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
    assertThat(ec2.describeVpcs(r -> r.filters(stackTag("run-1-network"))).vpcs()).isEmpty();
  }
}
