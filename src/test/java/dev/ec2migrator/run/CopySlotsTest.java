package dev.ec2migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.demo.ec2.SimInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Instances with more volumes than there are copy slots still get through: a copy's slot goes back
 * when the copy ends, even while its instance waits for a slot for its next volume. (Slots used to
 * go back only once all of an instance's copies were made: with one slot, the first instance with
 * two volumes held it forever.)
 */
class CopySlotsTest extends PipelineTestSupport {
  private static final String TARGET = "ap-southeast-2";

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.copy.max-in-flight", "1",
        "migrator.demo.instances", "10",
        "migrator.demo.busy-hosts", "",
        "migrator.demo.time-scale", "20000");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // a deadlock would otherwise hang the build
  void oneCopySlotMigratesInstancesOfOneToFourVolumes() {
    List<SimInstance> fleet = world().fleet();
    assertThat(fleet).anyMatch(i -> i.volumes().size() == 4);
    String list =
        "instance_id\n"
            + fleet.stream().map(SimInstance::instanceId).collect(Collectors.joining("\n"));

    MigrationRun run = migrate("one-slot.csv", list);

    assertThat(run.failedCount()).isZero();
    int volumes = fleet.stream().mapToInt(i -> i.volumes().size()).sum();
    assertThat(world().ec2().counters().calls(TARGET, "CopySnapshot")).isEqualTo(volumes);
    assertThat(world().ec2().counters().errorsWithCode("ResourceLimitExceeded")).isZero();
    CopySlots slots = context.getRegistry().lookupByNameAndType("copySlots", CopySlots.class);
    assertThat(slots.inFlight(TARGET)).isZero();
    assertThat(slots.waiting()).isZero();
  }
}
