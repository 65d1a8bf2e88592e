package dev.ec2migrator.demo.ec2;

/**
 * What {@link Ec2Simulator#addFleet} generates: {@code instances} instances from {@code seed}, each
 * with {@code volumesPerInstance} volumes (0 = a seeded mix of 1 to 4), and with {@code
 * sampleSources} one instance per kind of {@link SampleSources} after them.
 */
public record FleetSpec(long seed, int instances, int volumesPerInstance, boolean sampleSources) {
  public FleetSpec {
    if (instances < 0) {
      throw new IllegalArgumentException("instances must be >= 0");
    }
    if (volumesPerInstance < 0 || volumesPerInstance > 16) {
      throw new IllegalArgumentException("volumesPerInstance must be 0 (mixed) to 16");
    }
  }

  public FleetSpec(long seed, int instances, int volumesPerInstance) {
    this(seed, instances, volumesPerInstance, false);
  }

  public FleetSpec(long seed, int instances) {
    this(seed, instances, 0);
  }

  /** The same fleet plus the sample sources (Windows, licensed, io2 root, uefi+TPM, ...). */
  public FleetSpec withSampleSources() {
    return new FleetSpec(seed, instances, volumesPerInstance, true);
  }
}
