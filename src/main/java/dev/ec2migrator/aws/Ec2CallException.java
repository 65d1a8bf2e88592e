package dev.ec2migrator.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An EC2 API call failed: AWS answered with an error code, or the network lost the call or its
 * answer ({@value #NETWORK}). {@link RetryRule} decides whether it is tried again.
 */
public class Ec2CallException extends AwsCallException {
  /** The code of a call whose answer never came (connection reset, refused, timed out). */
  public static final String NETWORK = "NetworkError";

  private final boolean network;

  public Ec2CallException(String instanceId, String action, AwsServiceException e) {
    super(instanceId, action, e);
    this.network = false;
  }

  /** A call the network lost: EC2 may or may not have acted on it. */
  public Ec2CallException(String instanceId, String action, SdkClientException e) {
    super(instanceId, action, NETWORK, e);
    this.network = true;
  }

  /** No answer came: the call may have taken effect. */
  public boolean network() {
    return network;
  }
}
