package dev.ec2migrator.aws;

import dev.ec2migrator.model.MigrationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An AWS call (EC2 or CloudFormation) failed: names the instance or resource, the action and AWS's
 * error code (the HTTP status when AWS gave no code).
 */
public class AwsCallException extends MigrationException {
  private final int statusCode;

  public AwsCallException(String subject, String action, AwsServiceException e) {
    super(
        subject,
        action,
        e.awsErrorDetails() == null
            ? String.valueOf(e.statusCode())
            : e.awsErrorDetails().errorCode(),
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(),
        e);
    this.statusCode = e.statusCode();
  }

  /** A call that got no answer from AWS. */
  protected AwsCallException(String subject, String action, String code, Throwable cause) {
    super(subject, action, code, cause.getMessage(), cause);
    this.statusCode = 0;
  }

  /** The HTTP status of AWS's answer, 0 when none came. */
  public int statusCode() {
    return statusCode;
  }
}
