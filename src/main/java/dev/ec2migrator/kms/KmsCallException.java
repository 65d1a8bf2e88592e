package dev.ec2migrator.kms;

import dev.ec2migrator.model.MigrationException;

/** A KMS call that failed: the AWS error code (e.g. NotFoundException) and its message. */
public class KmsCallException extends MigrationException {
  public KmsCallException(String instanceId, String action, String code, String message) {
    super(instanceId, action, code, message);
  }
}
