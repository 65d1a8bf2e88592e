package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;

/**
 * Stopping and starting a source instance for quiesce mode {@code stop}, and the {@value
 * MigrationTags#STOPPED_BY} tag that lets a rerun find an instance a crashed run left stopped.
 */
public class InstancePower {
  private final Ec2Requests requests;

  public InstancePower(Ec2Requests requests) {
    this.requests = requests;
  }

  /**
   * Tags the instance {@value MigrationTags#STOPPED_BY} with the run before it is stopped: a rerun
   * of the run finds it and starts it, should this run die while the instance is stopped.
   */
  public void markStoppedBy(InstanceMigration m) {
    requests.make(
        m,
        m.sourceRegion(),
        "CreateTags",
        c ->
            c.createTags(
                r ->
                    r.resources(m.instanceId())
                        .tags(t -> t.key(MigrationTags.STOPPED_BY).value(m.runId()))));
  }

  public void unmarkStoppedBy(InstanceMigration m) {
    requests.make(
        m,
        m.sourceRegion(),
        "DeleteTags",
        c ->
            c.deleteTags(
                r -> r.resources(m.instanceId()).tags(t -> t.key(MigrationTags.STOPPED_BY))));
  }

  public void stopInstance(InstanceMigration m) {
    requests.make(
        m,
        m.sourceRegion(),
        "StopInstances",
        c -> c.stopInstances(r -> r.instanceIds(m.instanceId())));
  }

  public void startInstance(InstanceMigration m) {
    requests.make(
        m,
        m.sourceRegion(),
        "StartInstances",
        c -> c.startInstances(r -> r.instanceIds(m.instanceId())));
  }

  /** The instance's state name now (running, stopping, stopped, ...). */
  public String instanceState(InstanceMigration m) {
    return requests.describe(
        m.sourceRegion(),
        "DescribeInstances",
        c ->
            c.describeInstances(r -> r.instanceIds(m.instanceId()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .nameAsString());
  }
}
