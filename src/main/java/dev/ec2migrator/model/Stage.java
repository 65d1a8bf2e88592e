package dev.ec2migrator.model;

/** Where an instance is in the flow; the progress MBean counts instances per stage. */
public enum Stage {
  QUEUED,
  DESCRIBING,
  QUIESCING,
  FROZEN,
  SNAPSHOT_PENDING,
  COPYING,
  REGISTERING,
  DONE,
  FAILED,
  SKIPPED
}
