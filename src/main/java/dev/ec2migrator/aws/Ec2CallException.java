package dev.ec2migrator.aws;

import dev.ec2migrator.model.MigrationException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** An EC2 API call failed; {@link #retryable()} says whether AWS asks us to try again later. */
public class Ec2CallException extends MigrationException {
  private static final Set<String> RETRYABLE =
      Set.of(
          "RequestLimitExceeded",
          "Throttling",
          "ResourceLimitExceeded",
          "ConcurrentSnapshotLimitExceeded",
          "SnapshotCreationPerVolumeRateExceeded",
          "InternalError",
          "ServiceUnavailable",
          "Unavailable");

  private final boolean retryable;

  public Ec2CallException(String instanceId, String action, AwsServiceException e) {
    super(
        instanceId,
        action,
        e.awsErrorDetails() == null
            ? String.valueOf(e.statusCode())
            : e.awsErrorDetails().errorCode(),
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(),
        e);
    this.retryable = RETRYABLE.contains(code()) || e.statusCode() >= 500;
  }

  public boolean retryable() {
    return retryable;
  }
}
