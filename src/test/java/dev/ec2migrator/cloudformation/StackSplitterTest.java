package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackSplitterTest {

  private static FleetPlan fleet(int instances, int subnets) {
    ResultsCsvFixture csv = new ResultsCsvFixture();
    for (int i = 1; i <= instances; i++) {
      csv.migrated(i, i % subnets, 1);
    }
    return new TemplateModelBuilder(false).build(new ResultsCsvReader().read(csv.csv()));
  }

  @Test
  void keepsEverythingInOneTemplateWithinTheLimits() {
    List<StackTemplate> stacks =
        new StackSplitter(new CloudFormationLimits(500, 200, 200, 1_000_000)).split(fleet(20, 3));

    assertThat(stacks).hasSize(1);
    assertThat(stacks.get(0).fileName()).isEqualTo("fleet-a1b2c3.cloudformation.yaml");
    assertThat(stacks.get(0).description().value()).doesNotContain("SIMULATED", "part");
    assertThat(stacks.get(0).subnetParameters()).hasSize(3);
  }

  @Test
  void splitsPastTheOutputLimit() {
    List<StackTemplate> stacks =
        new StackSplitter(new CloudFormationLimits(500, 4, 200, 1_000_000)).split(fleet(10, 1));

    assertThat(stacks).extracting(s -> s.instances().size()).containsExactly(4, 4, 2);
    assertThat(stacks.get(2).fileName()).isEqualTo("fleet-a1b2c3.part-3-of-3.cloudformation.yaml");
  }

  @Test
  void splitsPastTheParameterLimitWithEachPartCarryingItsSubnets() {
    // 3 fixed parameters + 2 subnets
    List<StackTemplate> stacks =
        new StackSplitter(new CloudFormationLimits(500, 200, 5, 1_000_000)).split(fleet(12, 6));

    assertThat(stacks).hasSize(3);
    for (StackTemplate stack : stacks) {
      assertThat(stack.subnetParameters())
          .hasSize(2)
          .containsExactlyInAnyOrderElementsOf(
              stack.instances().stream().map(InstancePlan::subnet).distinct().toList());
    }
  }

  @Test
  void splitsPastTheSizeLimitBeforeRendering() {
    List<StackTemplate> stacks =
        new StackSplitter(new CloudFormationLimits(500, 200, 200, 20_000)).split(fleet(30, 2));

    assertThat(stacks.size()).isGreaterThan(1);
    assertThat(stacks.stream().mapToInt(s -> s.instances().size()).sum()).isEqualTo(30);
  }
}
