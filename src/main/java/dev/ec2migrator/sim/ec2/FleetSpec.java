package dev.ec2migrator.sim.ec2;

/** What {@link Ec2Simulator#addFleet} generates: {@code instances} instances from {@code seed}. */
public record FleetSpec(long seed, int instances) {
  public FleetSpec {
    if (instances < 0) {
      throw new IllegalArgumentException("instances must be >= 0");
    }
  }
}
