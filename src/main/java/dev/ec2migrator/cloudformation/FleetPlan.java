package dev.ec2migrator.cloudformation;

import java.util.List;

/** Everything one run's results CSV says about what to recreate, in a deterministic order. */
public record FleetPlan(
    String runId,
    String targetRegion,
    boolean simulated,
    List<InstancePlan> instances,
    List<SkippedInstance> skipped) {}
