package dev.ec2migrator.cloudformation;

import java.util.List;

/**
 * Everything one run's results CSV says about what to recreate, in a deterministic order; with the
 * network to recreate, or null when the instances go into an existing network.
 */
public record FleetPlan(
    String runId,
    String targetRegion,
    boolean simulated,
    List<InstancePlan> instances,
    List<SkippedInstance> skipped,
    NetworkTemplate network) {

  /** The same fleet in a recreated network (its instances placed in it). */
  public FleetPlan withNetwork(List<InstancePlan> placed, NetworkTemplate template) {
    return new FleetPlan(runId, targetRegion, simulated, placed, skipped, template);
  }
}
