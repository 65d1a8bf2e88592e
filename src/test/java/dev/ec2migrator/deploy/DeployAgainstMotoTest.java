package dev.ec2migrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.CommandConsole;
import dev.ec2migrator.MigratorApp;
import dev.ec2migrator.cloudformation.ResultColumn;
import dev.ec2migrator.cloudformation.ResultsCsvFixture;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * deploy against moto, an independent EC2 + CloudFormation: the run's template is created as a
 * stack, reaches CREATE_COMPLETE, and instances.csv matches moto's own instances.
 *
 * <p>moto quirks this test works around, each named where it matters: moto creates a stack's
 * resources inside the CreateStack call, so a resource that fails comes back as CreateStack's own
 * error (not as CREATE_FAILED events); it checks image ids only with MOTO_ENABLE_AMI_VALIDATION.
 */
class DeployAgainstMotoTest {
  private static final String REGION = ResultsCsvFixture.TARGET_REGION;

  @TempDir Path dir;
  private static MotoServer moto;
  private static Ec2Client ec2;
  @RegisterExtension final CommandConsole console = new CommandConsole();

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    ec2 = client(REGION);
  }

  @AfterAll
  static void stopMoto() throws Exception {
    ec2.close();
    moto.close();
  }

  @BeforeEach
  void pointAtMoto() {
    console.property("migrator.outbox", dir.resolve("outbox").toString());
    console.property("migrator.demo.enabled", "false");
    console.property("migrator.ec2.endpoint", moto.endpoint());
    console.property("migrator.cloudformation.endpoint", moto.endpoint());
    console.property("migrator.deploy.poll-interval", "100");
    console.property("migrator.deploy.verify-timeout", "20s");
  }

  @Test
  void theRunsStackReachesCreateCompleteAndInstancesCsvMatchesMotosInstances() throws Exception {
    String image = registerImage();
    String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
    String group = ec2.describeSecurityGroups().securityGroups().get(0).groupId();
    ResultsCsvFixture fleet = new ResultsCsvFixture().migrated(1, 1, 2).migrated(2, 1, 0);
    fleet.set(1, ResultColumn.TARGET_IMAGE_ID, image).set(2, ResultColumn.TARGET_IMAGE_ID, image);
    fleet
        .set(1, ResultColumn.INSTANCE_TYPE, "t3.micro")
        .set(2, ResultColumn.INSTANCE_TYPE, "t3.micro");
    fleet
        .set(1, ResultColumn.TARGET_SUBNET_ID, subnet)
        .set(2, ResultColumn.TARGET_SUBNET_ID, subnet);
    String snapshot = snapshot();
    fleet.rows().forEach(r -> r.put(ResultColumn.TARGET_SNAPSHOT_ID, snapshot));
    fleet.rows().forEach(r -> r.put(ResultColumn.SOURCE_SNAPSHOT_ID, snapshot));
    fleet.failed(3, 1, "copy failed");
    Path csv = writeRun(fleet);
    Path parameters =
        Files.writeString(
            dir.resolve("parameters.json"),
            "[{\"ParameterKey\": \"SecurityGroupIds\", \"ParameterValue\": \"" + group + "\"}]");

    assertThat(MigratorApp.execute("template", csv.toString())).as(console.err()).isZero();
    int exit =
        MigratorApp.execute(
            "deploy", ResultsCsvFixture.RUN_ID, "--parameters", parameters.toString());

    String printed = console.out();
    assertThat(exit).as(printed + console.err()).isZero();
    assertThat(printed).contains("2 of 2 new instances verified in " + REGION);
    Path instancesCsv = dir.resolve("outbox").resolve(ResultsCsvFixture.RUN_ID + ".instances.csv");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instancesCsv)))
        .isEqualTo("rw-------");
    Map<String, CSVRecord> rows = readBySource(instancesCsv);
    assertThat(rows.keySet())
        .containsExactlyInAnyOrder(
            ResultsCsvFixture.instanceId(1),
            ResultsCsvFixture.instanceId(2),
            ResultsCsvFixture.instanceId(3));
    for (int n = 1; n <= 2; n++) {
      CSVRecord row = rows.get(ResultsCsvFixture.instanceId(n));
      Instance made =
          ec2.describeInstances(r -> r.instanceIds(row.get("new_instance_id")))
              .reservations()
              .get(0)
              .instances()
              .get(0);
      assertThat(row.get("verification")).isEqualTo("verified");
      assertThat(row.get("new_private_ip")).isEqualTo(made.privateIpAddress());
      assertThat(row.get("subnet_id")).isEqualTo(subnet).isEqualTo(made.subnetId());
      assertThat(row.get("availability_zone")).isEqualTo(made.placement().availabilityZone());
      assertThat(row.get("image_id")).isEqualTo(image).isEqualTo(made.imageId());
      assertThat(row.get("source_private_ip")).isEqualTo("10.0.1." + (n + 4));
    }
    // instance 1 had two data volumes, at /dev/sdf and /dev/sdg
    Instance first =
        ec2.describeInstances(
                r ->
                    r.instanceIds(rows.get(ResultsCsvFixture.instanceId(1)).get("new_instance_id")))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(first.blockDeviceMappings().stream().map(m -> m.deviceName()))
        .contains("/dev/sdf", "/dev/sdg");
    assertThat(rows.get(ResultsCsvFixture.instanceId(3)).get("verification"))
        .startsWith("not deployed: copy failed");

    // the same deploy again: the stack is up to date, the instances are the same
    console.resetOut();
    assertThat(
            MigratorApp.execute(
                "deploy", ResultsCsvFixture.RUN_ID, "--parameters", parameters.toString()))
        .isZero();
    assertThat(
            readBySource(instancesCsv).get(ResultsCsvFixture.instanceId(1)).get("new_instance_id"))
        .isEqualTo(rows.get(ResultsCsvFixture.instanceId(1)).get("new_instance_id"));
  }

  /**
   * The source network in us-east-1: a VPC with a public subnet (internet gateway, NAT gateway) and
   * a private one (default route to the NAT), a web group open on 80 and a db group open to the web
   * group and itself; a web and a db instance. Recreated in ap-southeast-2.
   */
  @Test
  void theSourceNetworkIsRecreatedAndEachInstanceLandsInTheCopyOfItsSubnetAndGroups()
      throws Exception {
    console.property("migrator.network.mode", "recreate");
    Ec2Client source = client("us-east-1");
    String hostile = "{{resolve:secretsmanager:prod-db:SecretString:password}} !Ref x\n# y";
    String vpc = source.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
    source.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
    tag(source, vpc, hostile);
    String pub =
        source
            .createSubnet(
                r -> r.vpcId(vpc).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1a"))
            .subnet()
            .subnetId();
    String priv =
        source
            .createSubnet(
                r -> r.vpcId(vpc).cidrBlock("10.20.2.0/24").availabilityZone("us-east-1b"))
            .subnet()
            .subnetId();
    String igw = source.createInternetGateway().internetGateway().internetGatewayId();
    source.attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(igw));
    String publicRoutes = source.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    source.createRoute(
        r -> r.routeTableId(publicRoutes).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    source.associateRouteTable(r -> r.routeTableId(publicRoutes).subnetId(pub));
    String eip = source.allocateAddress(r -> r.domain("vpc")).allocationId();
    String nat =
        source.createNatGateway(r -> r.subnetId(pub).allocationId(eip)).natGateway().natGatewayId();
    String privateRoutes = source.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    source.createRoute(
        r -> r.routeTableId(privateRoutes).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
    source.associateRouteTable(r -> r.routeTableId(privateRoutes).subnetId(priv));
    String web =
        source
            .createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description(hostile))
            .groupId();
    source.authorizeSecurityGroupIngress(
        r ->
            r.groupId(web)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(80)
                            .toPort(80)
                            .ipRanges(g -> g.cidrIp("0.0.0.0/0"))));
    String db =
        source.createSecurityGroup(r -> r.vpcId(vpc).groupName("db").description("db")).groupId();
    source.authorizeSecurityGroupIngress(
        r ->
            r.groupId(db)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(5432)
                            .toPort(5432)
                            .userIdGroupPairs(g -> g.groupId(web), g -> g.groupId(db))));
    source.createKeyPair(r -> r.keyName("ops"));
    ec2.createKeyPair(r -> r.keyName("ops"));
    String sourceImage = source.describeImages().images().get(0).imageId();
    String webInstance = runInstance(source, sourceImage, pub, web);
    String dbInstance = runInstance(source, sourceImage, priv, db);

    String image = registerImage();
    String snapshot = snapshot();
    ResultsCsvFixture fleet = new ResultsCsvFixture().migrated(1, 1, 1).migrated(2, 2, 0);
    fleet.rows().forEach(r -> r.put(ResultColumn.RUN_ID, "net-run"));
    fleet.rows().forEach(r -> r.put(ResultColumn.TARGET_SNAPSHOT_ID, snapshot));
    fleet.rows().forEach(r -> r.put(ResultColumn.TARGET_IMAGE_ID, image));
    fleet.rows().forEach(r -> r.put(ResultColumn.INSTANCE_TYPE, "t3.micro"));
    fleet
        .set(1, ResultColumn.SOURCE_INSTANCE_ID, webInstance)
        .set(1, ResultColumn.SOURCE_SUBNET_ID, pub);
    fleet.set(1, ResultColumn.SOURCE_AZ, "us-east-1a");
    fleet
        .set(2, ResultColumn.SOURCE_INSTANCE_ID, dbInstance)
        .set(2, ResultColumn.SOURCE_SUBNET_ID, priv);
    fleet.set(2, ResultColumn.SOURCE_AZ, "us-east-1b");
    Path csv = writeRun(fleet, "net-run");

    assertThat(MigratorApp.execute("template", csv.toString())).as(console.err()).isZero();
    assertThat(dir.resolve("outbox/net-run.network.json")).exists();
    assertThat(dir.resolve("outbox/net-run.network.cloudformation.yaml")).exists();
    int exit = MigratorApp.execute("deploy", "net-run");

    assertThat(exit).as(console.out() + console.err()).isZero();
    assertThat(console.out()).contains("2 of 2 new instances verified");
    var newVpc =
        ec2.describeVpcs(r -> r.filters(f -> f.name("tag:migrator:source-vpc").values(vpc))).vpcs();
    assertThat(newVpc).hasSize(1);
    assertThat(newVpc.get(0).cidrBlock()).isEqualTo("10.20.0.0/16");
    // the dynamic reference stays text: CloudFormation would have resolved the secret
    assertThat(newVpc.get(0).tags())
        .anyMatch(
            t ->
                t.key().equals("Name")
                    && t.value()
                        .equals(
                            "{ {resolve:secretsmanager:prod-db:SecretString:password}} !Ref x\n# y"));
    String newVpcId = newVpc.get(0).vpcId();
    Map<String, CSVRecord> rows = readBySource(dir.resolve("outbox/net-run.instances.csv"));
    for (String[] pair : new String[][] {{webInstance, pub}, {dbInstance, priv}}) {
      CSVRecord row = rows.get(pair[0]);
      assertThat(row.get("verification")).isEqualTo("verified");
      var newSubnet = ec2.describeSubnets(r -> r.subnetIds(row.get("subnet_id"))).subnets().get(0);
      var sourceSubnet = source.describeSubnets(r -> r.subnetIds(pair[1])).subnets().get(0);
      assertThat(newSubnet.vpcId()).isEqualTo(newVpcId);
      assertThat(newSubnet.cidrBlock()).isEqualTo(sourceSubnet.cidrBlock());
    }
    // the db group's rule names the NEW web group and the new db group itself
    var groups =
        ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(newVpcId)))
            .securityGroups();
    var newWeb = groups.stream().filter(g -> hasTag(g.tags(), web)).findFirst().orElseThrow();
    var newDb = groups.stream().filter(g -> hasTag(g.tags(), db)).findFirst().orElseThrow();
    assertThat(newDb.ipPermissions())
        .flatExtracting(p -> p.userIdGroupPairs())
        .extracting(p -> p.groupId())
        .containsExactlyInAnyOrder(newWeb.groupId(), newDb.groupId());
    assertThat(newWeb.ipPermissions()).anyMatch(p -> p.fromPort() == 80);
    var routes =
        ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(newVpcId)))
            .routeTables();
    assertThat(routes).flatExtracting(t -> t.routes()).anyMatch(r -> r.natGatewayId() != null);
    assertThat(routes)
        .flatExtracting(t -> t.routes())
        .anyMatch(r -> r.gatewayId() != null && r.gatewayId().startsWith("igw-"));

    // a rollback: the instance stack goes first, then the network stack whose exports it imported.
    // moto quirk: its DeleteStack removes a stack's resources without ordering them by dependency,
    // so a stack holding a VPC and its subnets is refused (DependencyViolation, which AWS orders
    // away); the refusal is reported with the stack and the code, and the exit code says so
    console.resetOut();
    assertThat(MigratorApp.execute("cleanup", "net-run", "--all")).isEqualTo(1);
    assertThat(console.out())
        .contains("DELETE stack migrator-net-run ")
        .contains("DELETE stack migrator-net-run-network ")
        .contains("deleted stack migrator-net-run\n")
        .contains("FAILED migrator-net-run-network: DeleteStack failed (DependencyViolation)");
    assertThat(
            ec2.describeInstances(r -> r.instanceIds(rows.get(webInstance).get("new_instance_id")))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .nameAsString())
        .isEqualTo("terminated");
    source.close();
  }

  /**
   * i-1 migrated, i-2 failed. Source snapshots of both; in the target region a copy and an image
   * for each, and an instance (not the run's) running from i-1's image.
   */
  @Test
  void cleanupDeletesExactlyWhatItListsKeepsWhatIsInUseAndASecondRunDeletesNothing()
      throws Exception {
    Ec2Client source = client("us-east-1");
    String runId = "clean-run";
    String one = ResultsCsvFixture.instanceId(1);
    String two = ResultsCsvFixture.instanceId(2);
    String sourceVolume =
        source.createVolume(r -> r.size(8).availabilityZone("us-east-1a")).volumeId();
    List<String> sourceSnapshots =
        List.of(one, two).stream()
            .map(i -> taggedSnapshot(source, sourceVolume, runId, i))
            .toList();
    String targetVolume =
        ec2.createVolume(r -> r.size(20).availabilityZone(REGION + "a")).volumeId();
    String copyOne = taggedSnapshot(ec2, targetVolume, runId, one);
    String copyTwo = taggedSnapshot(ec2, targetVolume, runId, two);
    String imageOne = taggedImage(copyOne, runId, one);
    String imageTwo = taggedImage(copyTwo, runId, two);
    String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
    String user =
        ec2.runInstances(
                r ->
                    r.imageId(imageOne)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .subnetId(subnet))
            .instances()
            .get(0)
            .instanceId();
    ResultsCsvFixture fleet = new ResultsCsvFixture().migrated(1, 1, 0).failed(2, 1, "copy failed");
    fleet.rows().forEach(r -> r.put(ResultColumn.RUN_ID, runId));
    writeRun(fleet, runId);

    assertThat(MigratorApp.execute("cleanup", runId, "--dry-run")).isZero();
    assertThat(console.out())
        .contains("would delete 2 resources, freeing 16 GiB")
        .contains("DELETE snapshot " + sourceSnapshots.get(0));
    assertThat(existingSnapshots(source, sourceSnapshots)).hasSize(2);

    console.resetOut();
    assertThat(MigratorApp.execute("cleanup", runId)).isZero();
    assertThat(console.out()).contains("deleted 2 of 2 listed resources, freed 16 GiB");
    assertThat(existingSnapshots(source, sourceSnapshots)).isEmpty();
    assertThat(existingSnapshots(ec2, List.of(copyOne, copyTwo))).hasSize(2);

    console.resetOut();
    assertThat(MigratorApp.execute("cleanup", runId)).isZero();
    assertThat(console.out()).contains("deleted 0 of 0 listed resources, freed 0 GiB");

    console.resetOut();
    assertThat(MigratorApp.execute("cleanup", runId, "--failed")).isZero();
    assertThat(console.out())
        .contains("deleted 2 of 2 listed resources, freed 20 GiB")
        .contains("deleted image " + imageTwo)
        .contains("deleted snapshot " + copyTwo)
        .doesNotContain(copyOne);
    assertThat(existingSnapshots(ec2, List.of(copyOne, copyTwo))).containsExactly(copyOne);

    // --all: the image in use by an instance that is not the run's stays, with its snapshot
    console.resetOut();
    assertThat(MigratorApp.execute("cleanup", runId, "--all")).isZero();
    assertThat(console.out())
        .contains("KEEP   image " + imageOne)
        .contains("in use by " + user)
        .contains("KEEP   snapshot " + copyOne)
        .contains("copy of the same instance as image " + imageOne)
        .contains("deleted 0 of 0 listed resources");
    assertThat(existingSnapshots(ec2, List.of(copyOne))).containsExactly(copyOne);
    assertThat(MigratorApp.execute("cleanup", "../" + runId)).isEqualTo(2);
    source.close();
  }

  private static String taggedSnapshot(
      Ec2Client client, String volume, String runId, String instance) {
    String id = client.createSnapshot(r -> r.volumeId(volume)).snapshotId();
    client.createTags(
        r ->
            r.resources(id)
                .tags(
                    t -> t.key("migrator:run").value(runId),
                    t -> t.key("migrator:source-instance").value(instance)));
    return id;
  }

  private static String taggedImage(String snapshot, String runId, String instance) {
    String id =
        ec2.registerImage(
                r ->
                    r.name("migrator-" + runId + "-" + instance)
                        .rootDeviceName("/dev/xvda")
                        .architecture("x86_64")
                        .virtualizationType("hvm")
                        .blockDeviceMappings(
                            b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshot))))
            .imageId();
    ec2.createTags(
        r ->
            r.resources(id)
                .tags(
                    t -> t.key("migrator:run").value(runId),
                    t -> t.key("migrator:source-instance").value(instance)));
    return id;
  }

  private static List<String> existingSnapshots(Ec2Client client, List<String> ids) {
    return client
        .describeSnapshots(r -> r.filters(f -> f.name("snapshot-id").values(ids)))
        .snapshots()
        .stream()
        .map(s -> s.snapshotId())
        .toList();
  }

  private static boolean hasTag(
      List<software.amazon.awssdk.services.ec2.model.Tag> tags, String sourceGroup) {
    return tags.stream()
        .anyMatch(
            t -> t.key().equals("migrator:source-security-group") && t.value().equals(sourceGroup));
  }

  private static void tag(Ec2Client client, String resource, String name) {
    client.createTags(r -> r.resources(resource).tags(t -> t.key("Name").value(name)));
  }

  private static String runInstance(Ec2Client client, String image, String subnet, String group) {
    return client
        .runInstances(
            r ->
                r.imageId(image)
                    .instanceType("t3.micro")
                    .minCount(1)
                    .maxCount(1)
                    .subnetId(subnet)
                    .securityGroupIds(group)
                    .keyName("ops"))
        .instances()
        .get(0)
        .instanceId();
  }

  private static Ec2Client client(String region) {
    return Ec2Client.builder()
        .region(Region.of(region))
        .endpointOverride(URI.create(moto.endpoint()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Test
  void aBadImageIdFailsTheDeployNamingTheImageAndTheReason() throws Exception {
    String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
    String group = ec2.describeSecurityGroups().securityGroups().get(0).groupId();
    String missing = "ami-0badbadbadbadbad0";
    ResultsCsvFixture fleet = new ResultsCsvFixture().migrated(1, 1, 0);
    fleet.rows().forEach(r -> r.put(ResultColumn.RUN_ID, "bad-image"));
    fleet
        .set(1, ResultColumn.TARGET_IMAGE_ID, missing)
        .set(1, ResultColumn.TARGET_SUBNET_ID, subnet);
    Path csv = writeRun(fleet, "bad-image");
    Path parameters =
        Files.writeString(
            dir.resolve("parameters.json"),
            "[{\"ParameterKey\": \"SecurityGroupIds\", \"ParameterValue\": \"" + group + "\"}]");
    assertThat(MigratorApp.execute("template", csv.toString())).isZero();

    int exit = MigratorApp.execute("deploy", "bad-image", "--parameters", parameters.toString());

    // moto refuses the stack in CreateStack itself (AWS would report CREATE_FAILED on the instance
    // resource, which the deployer reports the same way: resource, code and reason)
    assertThat(exit).isEqualTo(1);
    assertThat(console.err())
        .contains("migrator-bad-image")
        .contains("InvalidAMIID.NotFound")
        .contains(missing);
    assertThat(dir.resolve("outbox/bad-image.instances.csv")).doesNotExist();
  }

  @Test
  void badInputExitsTwoAndCreatesNothing() throws Exception {
    ResultsCsvFixture fleet = new ResultsCsvFixture().migrated(1, 1, 0);
    fleet.set(1, ResultColumn.TARGET_SUBNET_ID, "subnet-0123456789abcdef0");
    Path csv = writeRun(fleet);
    assertThat(MigratorApp.execute("template", csv.toString())).isZero();
    Path notJson =
        Files.writeString(
            dir.resolve("p.json"), "[{\"ParameterKey\": \"SecurityGroupIds\",\n oops");
    Path unknown =
        Files.writeString(
            dir.resolve("q.json"), "[{\"ParameterKey\": \"Colour\", \"ParameterValue\": \"red\"}]");

    assertThat(MigratorApp.execute("deploy", "no-such-run")).isEqualTo(2);
    assertThat(MigratorApp.execute("deploy", "../etc")).isEqualTo(2);
    assertThat(MigratorApp.execute("deploy", ResultsCsvFixture.RUN_ID)).isEqualTo(2);
    assertThat(
            MigratorApp.execute(
                "deploy", ResultsCsvFixture.RUN_ID, "--parameters", notJson.toString()))
        .isEqualTo(2);
    assertThat(
            MigratorApp.execute(
                "deploy", ResultsCsvFixture.RUN_ID, "--parameters", unknown.toString()))
        .isEqualTo(2);

    assertThat(console.err())
        .contains("unknown run no-such-run")
        .contains("is not a run id")
        .contains("needs parameter SecurityGroupIds")
        .contains("line 2: not JSON")
        .contains("parameter \"Colour\" is declared by no template");
    assertThat(
            software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(URI.create(moto.endpoint()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()
                .listStacks()
                .stackSummaries())
        .noneMatch(s -> s.stackName().equals("migrator-" + ResultsCsvFixture.RUN_ID));
  }

  private Path writeRun(ResultsCsvFixture fleet) throws Exception {
    return writeRun(fleet, ResultsCsvFixture.RUN_ID);
  }

  private Path writeRun(ResultsCsvFixture fleet, String runId) throws Exception {
    Files.createDirectories(dir.resolve("outbox"));
    return Files.writeString(dir.resolve("outbox").resolve(runId + ".csv"), fleet.csv());
  }

  private static Map<String, CSVRecord> readBySource(Path csv) throws Exception {
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(Files.readString(csv)))
            .getRecords();
    return records.stream().collect(Collectors.toMap(r -> r.get("source_instance_id"), r -> r));
  }

  private static String registerImage() {
    String snapshot = snapshot();
    return ec2.registerImage(
            r ->
                r.name("migrated-" + System.nanoTime())
                    .rootDeviceName("/dev/xvda")
                    .architecture("x86_64")
                    .virtualizationType("hvm")
                    .blockDeviceMappings(
                        b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshot))))
        .imageId();
  }

  private static String snapshot() {
    String volume = ec2.createVolume(r -> r.size(8).availabilityZone(REGION + "a")).volumeId();
    return ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
  }
}
