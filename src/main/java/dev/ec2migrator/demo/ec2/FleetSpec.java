package dev.ec2migrator.demo.ec2;

/**
 * What {@link Ec2Simulator#addFleet} generates: {@code instances} instances from {@code seed}, each
 * with {@code volumesPerInstance} volumes (0 = a seeded mix of 1 to 4), and with {@code
 * sampleSources} one instance per kind of {@link SampleSources} after them. Each generated host
 * changes a fraction of its volumes per simulated hour drawn from {@code changeRatePerHour} (0-0 =
 * nothing changes); {@code volumeSizeGib} sizes every volume (null = the seeded mix of sizes).
 */
public record FleetSpec(
    long seed,
    int instances,
    int volumesPerInstance,
    boolean sampleSources,
    ValueRange changeRatePerHour,
    ValueRange volumeSizeGib) {
  private static final ValueRange NO_CHANGE = new ValueRange(0, 0);

  public FleetSpec {
    if (instances < 0) {
      throw new IllegalArgumentException("instances must be >= 0");
    }
    if (volumesPerInstance < 0 || volumesPerInstance > 16) {
      throw new IllegalArgumentException("volumesPerInstance must be 0 (mixed) to 16");
    }
    changeRatePerHour = changeRatePerHour == null ? NO_CHANGE : changeRatePerHour;
    if (changeRatePerHour.max() > 1) {
      throw new IllegalArgumentException("changeRatePerHour is a fraction of the volume, <= 1");
    }
    if (volumeSizeGib != null && (volumeSizeGib.min() < 1 || volumeSizeGib.max() > 16384)) {
      throw new IllegalArgumentException("volumeSizeGib must lie within 1-16384 (EBS sizes)");
    }
  }

  public FleetSpec(long seed, int instances, int volumesPerInstance, boolean sampleSources) {
    this(seed, instances, volumesPerInstance, sampleSources, NO_CHANGE, null);
  }

  public FleetSpec(long seed, int instances, int volumesPerInstance) {
    this(seed, instances, volumesPerInstance, false);
  }

  public FleetSpec(long seed, int instances) {
    this(seed, instances, 0);
  }

  /** The same fleet plus the sample sources (Windows, licensed, io2 root, uefi+TPM, ...). */
  public FleetSpec withSampleSources() {
    return new FleetSpec(
        seed, instances, volumesPerInstance, true, changeRatePerHour, volumeSizeGib);
  }

  /**
   * Each host changes a fraction (0.01 = 1 %) of its volumes per simulated hour from this range.
   */
  public FleetSpec withChangeRatePerHour(ValueRange fractions) {
    return new FleetSpec(
        seed, instances, volumesPerInstance, sampleSources, fractions, volumeSizeGib);
  }

  /** The same as a setting in percent per hour: "1-5", "2", or blank for nothing changes. */
  public FleetSpec withChangePercentPerHour(String setting) {
    ValueRange percent = ValueRange.parse(setting);
    return withChangeRatePerHour(percent == null ? NO_CHANGE : percent.times(0.01));
  }

  /** Every volume sized from this range (st1 volumes at least 125 GiB); null = the seeded mix. */
  public FleetSpec withVolumeSizeGib(ValueRange gib) {
    return new FleetSpec(
        seed, instances, volumesPerInstance, sampleSources, changeRatePerHour, gib);
  }

  /** The same as a setting: "100-500", "200", or blank for the seeded mix. */
  public FleetSpec withVolumeSizeGib(String setting) {
    return withVolumeSizeGib(ValueRange.parse(setting));
  }
}
