package dev.ec2migrator.cloudformation;

import static dev.ec2migrator.cloudformation.ResultsCsvFixture.RUN_ID;
import static dev.ec2migrator.cloudformation.ResultsCsvFixture.TARGET_REGION;
import static dev.ec2migrator.cloudformation.ResultsCsvFixture.imageId;
import static dev.ec2migrator.cloudformation.ResultsCsvFixture.instanceId;
import static dev.ec2migrator.cloudformation.ResultsCsvFixture.subnetId;
import static dev.ec2migrator.cloudformation.ResultsCsvFixture.targetSnapshotId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderCloudFormationRouteTest extends CloudFormationRouteTestSupport {

  private static final String COPY_FAILED = "CopySnapshot: ResourceLimitExceeded";

  private static ResultsCsvFixture fleet() {
    return new ResultsCsvFixture()
        .migrated(1, 1, 2)
        .migrated(2, 2, 0)
        .failed(3, 1, COPY_FAILED)
        .migrated(4, 2, 1)
        .set(4, ResultColumn.TARGET_IMAGE_ID, "");
  }

  @Test
  void theListsTargetSubnetBecomesItsSourceSubnetsDefaultAndMustBeOnePerSourceSubnet()
      throws Exception {
    String target = "subnet-0fedcba9876543210";
    Map<String, Object> doc =
        parse(render(fleet().set(1, ResultColumn.TARGET_SUBNET_ID, target).csv()).get(0));

    assertThat(map(doc, "Parameters", "TargetSubnetForSubnet00000001").get("Default"))
        .isEqualTo(target);
    assertThat(map(doc, "Parameters", "TargetSubnetForSubnet00000002"))
        .doesNotContainKey("Default");

    String conflicting =
        fleet()
            .set(1, ResultColumn.TARGET_SUBNET_ID, target)
            .set(3, ResultColumn.TARGET_SUBNET_ID, "subnet-00000009")
            .csv();
    assertThat(renderFailure(conflicting))
        .isInstanceOf(InvalidResultsCsvException.class)
        .hasMessageContaining("target_subnet_id differs from line");
  }

  @Test
  void recreatesEachMigratedInstanceInItsSubnetWithItsDataVolumes() throws Exception {
    List<Path> files = render(fleet().csv());

    assertThat(files).containsExactly(outbox.resolve(RUN_ID + ".cloudformation.yaml"));
    Map<String, Object> doc = parse(files.get(0));
    assertThat(doc.get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
    assertThat((String) doc.get("Description"))
        .startsWith("SIMULATED - ")
        .contains(RUN_ID, TARGET_REGION);

    Map<String, Object> subnetParameter = map(doc, "Parameters", "TargetSubnetForSubnet00000001");
    assertThat(subnetParameter.get("Type")).isEqualTo("AWS::EC2::Subnet::Id");
    assertThat((String) subnetParameter.get("Description")).contains(subnetId(1), "us-east-1b");
    assertThat(map(doc, "Parameters").keySet())
        .containsExactlyInAnyOrder(
            "TargetSubnetForSubnet00000001",
            "TargetSubnetForSubnet00000002",
            "SecurityGroupIds",
            "KeyName",
            "KeepPrivateIp");

    Map<String, Map<String, Object>> instances = resourcesOfType(doc, "AWS::EC2::Instance");
    assertThat(instances)
        .containsOnlyKeys("Instance00000000000000001", "Instance00000000000000002");
    Map<String, Object> first = instances.get("Instance00000000000000001");
    assertThat(first.get("ImageId")).isEqualTo(imageId(1));
    assertThat(first.get("InstanceType")).isEqualTo("m5.large");
    assertThat(first.get("SubnetId")).isEqualTo(Map.of("Ref", "TargetSubnetForSubnet00000001"));
    assertThat(instances.get("Instance00000000000000002").get("SubnetId"))
        .isEqualTo(Map.of("Ref", "TargetSubnetForSubnet00000002"));
    assertThat(first.get("PrivateIpAddress"))
        .isEqualTo(
            Map.of(
                "Fn::If",
                List.of("UseSourcePrivateIp", "10.0.1.5", Map.of("Ref", "AWS::NoValue"))));
    assertThat(first.get("KeyName"))
        .isEqualTo(
            Map.of(
                "Fn::If",
                List.of("HasKeyName", Map.of("Ref", "KeyName"), Map.of("Ref", "AWS::NoValue"))));
    assertThat(tag(first, "Name")).isEqualTo("web-1");
    assertThat(tag(first, "migrator:source-instance")).isEqualTo(instanceId(1));
    assertThat(tag(first, "migrator:run")).isEqualTo(RUN_ID);

    // data volumes are attached at launch, as the instance's block device mappings
    assertThat(resourcesOfType(doc, "AWS::EC2::Volume")).isEmpty();
    assertThat(resourcesOfType(doc, "AWS::EC2::VolumeAttachment")).isEmpty();
    assertThat(first).containsEntry("PropagateTagsToVolumeOnCreation", true);
    List<Map<String, Object>> mappings = mappings(first);
    assertThat(mappings)
        .extracting(m -> m.get("DeviceName"))
        .containsExactly("/dev/sdf", "/dev/sdg");
    Map<String, Object> sdg = map(mappings.get(1), "Ebs");
    assertThat(sdg.get("SnapshotId")).isEqualTo(targetSnapshotId(1, 2));
    assertThat(sdg).containsEntry("VolumeType", "gp3").containsEntry("VolumeSize", "28");
    // AWS::EC2::Instance's Ebs has no Throughput (cfn-lint E3002)
    assertThat(sdg).containsEntry("Iops", "3000").doesNotContainKey("Throughput");
    assertThat(map(mappings.get(0), "Ebs").get("SnapshotId")).isEqualTo(targetSnapshotId(1, 1));

    Map<String, Object> outputs = map(doc, "Outputs");
    assertThat(outputs).hasSize(2);
    Map<String, Object> output = map(outputs, "NewInstanceFor00000000000000002");
    assertThat(output.get("Value")).isEqualTo(Map.of("Ref", "Instance00000000000000002"));
    assertThat((String) output.get("Description")).contains(instanceId(2));
  }

  @Test
  void listsTheInstancesItLeavesOutInMetadata() throws Exception {
    Map<String, Object> doc = parse(render(fleet().csv()).get(0));

    assertThat(map(doc, "Metadata", "ec2-region-migrator").get("SkippedInstances"))
        .isEqualTo(
            List.of(
                Map.of("SourceInstanceId", instanceId(3), "Reason", COPY_FAILED),
                Map.of("SourceInstanceId", instanceId(4), "Reason", "no target_image_id")));
    assertThat(resourcesOfType(doc, "AWS::EC2::Instance"))
        .doesNotContainKeys("Instance00000000000000003", "Instance00000000000000004");
  }

  @Test
  void listsAnInstanceThatFailedBeforeItsVolumesWereKnown() throws Exception {
    ResultsCsvFixture fleet = new ResultsCsvFixture().migrated(1, 1, 0).failed(2, 1, "not found");
    List<Map<ResultColumn, String>> rows = fleet.rows();
    rows.remove(rows.size() - 1);
    for (ResultColumn column :
        List.of(
            ResultColumn.SOURCE_SUBNET_ID,
            ResultColumn.SOURCE_AZ,
            ResultColumn.SOURCE_VOLUME_ID,
            ResultColumn.IS_ROOT,
            ResultColumn.DEVICE)) {
      rows.get(1).put(column, "");
    }
    rows.get(1).put(ResultColumn.STATUS, "FAILED");
    rows.get(1).put(ResultColumn.ERROR, "InvalidInstanceID.NotFound");

    Map<String, Object> doc = parse(render(fleet.csv()).get(0));

    assertThat(resourcesOfType(doc, "AWS::EC2::Instance")).hasSize(1);
    assertThat(map(doc, "Metadata", "ec2-region-migrator").get("SkippedInstances"))
        .isEqualTo(
            List.of(
                Map.of("SourceInstanceId", instanceId(2), "Reason", "InvalidInstanceID.NotFound")));
  }

  @Test
  void readsTheCsvFromAFileAPathOrText() throws Exception {
    Path csv = Files.writeString(temp.resolve("results.csv"), fleet().csv());
    byte[] fromText = Files.readAllBytes(render(fleet().csv()).get(0));

    assertThat(Files.readAllBytes(render(csv.toFile()).get(0))).isEqualTo(fromText);
    assertThat(Files.readAllBytes(render(csv).get(0))).isEqualTo(fromText);
    assertThat(
            Files.readAllBytes(
                render(
                        org.apache.camel.component.file.FileConsumer.asGenericFile(
                            temp.toString(), csv.toFile(), "UTF-8", false))
                    .get(0)))
        .isEqualTo(fromText);
  }

  @Test
  void rendersTheSameCsvToTheSameBytesWhateverTheRowOrder() throws Exception {
    ResultsCsvFixture fleet = fleet();
    byte[] first = Files.readAllBytes(render(fleet.csv()).get(0));
    byte[] again = Files.readAllBytes(render(fleet.csv()).get(0));
    java.util.Collections.reverse(fleet.rows());
    byte[] reversed = Files.readAllBytes(render(fleet.csv()).get(0));

    assertThat(again).isEqualTo(first);
    assertThat(reversed).isEqualTo(first);
  }

  @Test
  void acceptsBooleansAsASpreadsheetSavesThem() throws Exception {
    ResultsCsvFixture fleet = fleet();
    fleet
        .rows()
        .forEach(row -> row.computeIfPresent(ResultColumn.IS_ROOT, (c, v) -> v.toUpperCase()));

    Map<String, Object> doc = parse(render(fleet.csv()).get(0));

    assertThat(
            mappings(resourcesOfType(doc, "AWS::EC2::Instance").get("Instance00000000000000001")))
        .hasSize(2);
  }

  @Test
  void leavesNoTemporaryFileBehind() throws Exception {
    render(fleet().csv());
    render(fleet().csv());

    try (var listing = Files.list(outbox)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactly(RUN_ID + ".cloudformation.yaml");
    }
  }

  @Test
  void aRunWithNothingMigratedStillGivesAValidTemplate() throws Exception {
    Map<String, Object> doc =
        parse(render(new ResultsCsvFixture().failed(7, 1, "boom").csv()).get(0));

    assertThat(map(doc, "Resources")).containsOnlyKeys("NothingToRecreate");
    assertThat(doc).doesNotContainKeys("Outputs", "Parameters", "Conditions");
    assertThat(
            new String(
                Files.readAllBytes(outbox.resolve(RUN_ID + ".cloudformation.yaml")),
                StandardCharsets.UTF_8))
        .contains("boom");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> mappings(Map<String, Object> instance) {
    return (List<Map<String, Object>>) instance.get("BlockDeviceMappings");
  }
}
