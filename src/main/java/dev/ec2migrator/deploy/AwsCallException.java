package dev.ec2migrator.deploy;

import dev.ec2migrator.model.MigrationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** A CloudFormation or EC2 call of deploy or cleanup failed; names the resource and AWS's code. */
public class AwsCallException extends MigrationException {

  public AwsCallException(String resourceId, String action, AwsServiceException e) {
    super(
        resourceId,
        action,
        e.awsErrorDetails() == null
            ? String.valueOf(e.statusCode())
            : e.awsErrorDetails().errorCode(),
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(),
        e);
  }
}
