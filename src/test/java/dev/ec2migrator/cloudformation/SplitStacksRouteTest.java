package dev.ec2migrator.cloudformation;

import static dev.ec2migrator.cloudformation.ResultsCsvFixture.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With CloudFormation's resource limit lowered to 10, a small fleet needs several stacks. */
class SplitStacksRouteTest extends CloudFormationRouteTestSupport {
  private static final int MAX_RESOURCES = 10;
  private static final int INSTANCES = 12;

  @Override
  Map<String, String> extraProperties() {
    return Map.of("migrator.cloudformation.max-resources", Integer.toString(MAX_RESOURCES));
  }

  private static ResultsCsvFixture fleet() {
    ResultsCsvFixture fleet = new ResultsCsvFixture();
    for (int i = 1; i <= INSTANCES; i++) {
      // 0..4 data volumes, each a mapping of its instance: one resource per instance
      fleet.migrated(i, i % 4, i % 5);
    }
    return fleet.failed(99, 1, "quiesce failed");
  }

  @Test
  void splitsIntoValidPartsThatHoldEveryInstanceOnceWithItsVolumes() throws Exception {
    List<Path> files = render(fleet().csv());

    int parts = files.size();
    assertThat(parts).isGreaterThan(1);
    for (int k = 1; k <= parts; k++) {
      assertThat(files.get(k - 1).getFileName().toString())
          .isEqualTo(RUN_ID + ".part-" + k + "-of-" + parts + ".cloudformation.yaml");
    }
    List<String> instancesSeen = new ArrayList<>();
    Set<String> volumesSeen = new HashSet<>();
    for (int k = 1; k <= parts; k++) {
      Map<String, Object> doc = parse(files.get(k - 1));
      assertThat((String) doc.get("Description")).contains("part " + k + " of " + parts);
      Map<String, Object> resources = map(doc, "Resources");
      assertThat(resources.size()).isBetween(1, MAX_RESOURCES);

      Map<String, Map<String, Object>> instances = resourcesOfType(doc, "AWS::EC2::Instance");
      instancesSeen.addAll(instances.keySet());
      assertThat(map(doc, "Outputs")).hasSize(instances.size());

      Set<String> subnetRefs = new HashSet<>();
      instances
          .values()
          .forEach(i -> subnetRefs.add(((Map<?, ?>) i.get("SubnetId")).get("Ref").toString()));
      Set<String> subnetParameters = new HashSet<>(map(doc, "Parameters").keySet());
      subnetParameters.removeAll(Set.of("SecurityGroupIds", "KeyName", "KeepPrivateIp"));
      assertThat(subnetParameters).as("part %d subnet parameters", k).isEqualTo(subnetRefs);

      // an instance's data volumes are mappings of it, so they are always in its stack
      instances.forEach(
          (id, instance) -> {
            List<?> mappings = (List<?>) instance.get("BlockDeviceMappings");
            if (mappings != null) {
              mappings.forEach(m -> volumesSeen.add(id + " " + ((Map<?, ?>) m).get("DeviceName")));
            }
          });

      Object skipped = map(doc, "Metadata", "ec2-region-migrator").get("SkippedInstances");
      assertThat((List<?>) skipped).hasSize(k == 1 ? 1 : 0);
    }
    assertThat(instancesSeen).hasSize(INSTANCES).doesNotHaveDuplicates();
    int dataVolumes = 0;
    for (int i = 1; i <= INSTANCES; i++) {
      dataVolumes += i % 5;
    }
    assertThat(volumesSeen).hasSize(dataVolumes);
  }

  @Test
  void rerenderingGivesTheSameParts() throws Exception {
    List<Path> first = render(fleet().csv());
    List<byte[]> firstBytes = new ArrayList<>();
    for (Path file : first) {
      firstBytes.add(Files.readAllBytes(file));
    }

    List<Path> again = render(fleet().csv());

    assertThat(again).isEqualTo(first);
    for (int k = 0; k < again.size(); k++) {
      assertThat(Files.readAllBytes(again.get(k))).isEqualTo(firstBytes.get(k));
    }
  }

  @Test
  void aRerenderThatNeedsFewerPartsRemovesTheStaleOnes() throws Exception {
    render(fleet().csv());

    List<Path> now = render(new ResultsCsvFixture().migrated(1, 1, 1).csv());

    assertThat(now).containsExactly(outbox.resolve(RUN_ID + ".cloudformation.yaml"));
    try (var listing = Files.list(outbox)) {
      assertThat(listing).containsExactlyElementsOf(now);
    }
  }

  @Test
  void anInstanceWithMoreDataVolumesThanTheResourceLimitIsOneResourceWithItsMappings()
      throws Exception {
    List<Path> files = render(new ResultsCsvFixture().migrated(1, 1, MAX_RESOURCES + 1).csv());

    assertThat(files).hasSize(1);
    Map<String, Object> doc = parse(files.get(0));
    assertThat(map(doc, "Resources")).hasSize(1);
    Map<String, Object> instance =
        resourcesOfType(doc, "AWS::EC2::Instance").values().iterator().next();
    assertThat((List<?>) instance.get("BlockDeviceMappings")).hasSize(MAX_RESOURCES + 1);
  }
}
