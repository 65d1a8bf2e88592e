package dev.ec2migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.demo.ssh.HostEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** quiesce.mode=fsfreeze freezes and thaws every listed mount point; none touches no host. */
class FsfreezeModeTest extends PipelineTestSupport {
  private static final String HOST = "i-b3bade281fd418d98";

  @Override
  protected Map<String, String> overrides() {
    return Map.of("migrator.quiesce.mode", "fsfreeze");
  }

  @Test
  void everyMountIsFrozenThenThawed() throws Exception {
    MigrationRun run = migrate("fs.csv", "instance_id,mount_points\n" + HOST + ",/;/data\n");

    assertThat(run.failedCount()).isZero();
    List<HostEvent.Kind> kinds =
        world().ssh().host(HOST).events().stream()
            .map(HostEvent::kind)
            .filter(k -> k == HostEvent.Kind.FREEZE || k == HostEvent.Kind.THAW)
            .toList();
    assertThat(kinds)
        .containsExactly(
            HostEvent.Kind.FREEZE, HostEvent.Kind.FREEZE, HostEvent.Kind.THAW, HostEvent.Kind.THAW);
    assertThat(world().ssh().quiescedHosts()).isEmpty();
  }
}
