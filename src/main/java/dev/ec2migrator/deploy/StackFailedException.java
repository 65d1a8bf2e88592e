package dev.ec2migrator.deploy;

import dev.ec2migrator.model.MigrationException;

/** A stack ended in a failed or rolled-back state; the message names the failing resources. */
public class StackFailedException extends MigrationException {

  public StackFailedException(String stackName, String status, String failures) {
    super(stackName, "deploy", status, failures);
  }
}
