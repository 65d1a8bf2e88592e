package dev.ec2migrator.preflight;

import dev.ec2migrator.model.MigrationException;

/** An instance the preflight found NOT READY: it fails before anything is spent on it. */
public class PreflightFailedException extends MigrationException {
  public PreflightFailedException(String instanceId, String reasons) {
    super(instanceId, "preflight", "NotReady", reasons);
  }
}
