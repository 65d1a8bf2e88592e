package dev.ec2migrator.deploy;

import dev.ec2migrator.cloudformation.FleetPlan;
import java.util.List;

/** A run's stacks in the order they deploy (the network first), and what the run recreates. */
public record DeployPlan(
    String runId, String region, FleetPlan fleet, List<StackDeployment> stacks) {}
