package dev.ec2migrator.preflight;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.SourceVolume;
import java.util.List;

/**
 * The root device must be one of the instance's attached EBS volumes: RegisterImage needs its
 * snapshot, and an instance-store root (or a detached root) has none.
 */
public class RootVolumeCheck implements PreflightCheck {

  @Override
  public String name() {
    return "root-volume";
  }

  @Override
  public List<String> findings(InstanceMigration m) {
    SourceInstance source = m.source();
    boolean found =
        source.volumes().stream()
            .anyMatch(v -> v.root() && v.device().equals(source.rootDeviceName()));
    if (found) {
      return List.of();
    }
    return List.of(
        "the root device "
            + source.rootDeviceName()
            + " is not among the attached EBS volumes "
            + source.volumes().stream().map(SourceVolume::device).toList()
            + ": no image can be registered without its snapshot");
  }
}
