package dev.ec2migrator.quiesce;

import dev.ec2migrator.model.MigrationException;

/** A host could not be quiesced or released; the message carries the exit code and stderr. */
public class QuiesceException extends MigrationException {
  public QuiesceException(String instanceId, String step, String code, String detail) {
    super(instanceId, step, code, detail);
  }
}
