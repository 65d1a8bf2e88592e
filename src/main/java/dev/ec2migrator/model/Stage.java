package dev.ec2migrator.model;

/**
 * Where an instance is in the flow; the progress MBean counts instances per stage. Only {@link
 * InstanceMigration} moves an instance from one stage to the next.
 */
public enum Stage {
  QUEUED,
  DESCRIBING,
  QUIESCING,
  FROZEN,
  SNAPSHOT_PENDING,
  COPYING,
  REGISTERING,
  DONE,
  FAILED;

  /** An instance in this stage will not move any more. */
  public boolean ended() {
    return this == DONE || this == FAILED;
  }
}
