package dev.ec2migrator.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS refused the call for a resource limit (copies in flight per destination region, pending
 * snapshots per volume): the work is re-queued, never failed.
 */
public class ResourceLimitException extends Ec2CallException {
  public ResourceLimitException(String instanceId, String action, AwsServiceException e) {
    super(instanceId, action, e);
  }
}
