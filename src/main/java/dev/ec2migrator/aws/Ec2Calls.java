package dev.ec2migrator.aws;

import dev.ec2migrator.model.MigrationException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One EC2 call as every caller makes it: a describe first takes a token of its region's describe
 * bucket; an AWS error becomes an {@link Ec2CallException} (a resource limit a {@link
 * ResourceLimitException}) naming the instance or region and AWS's code, a lost connection one with
 * {@value Ec2CallException#NETWORK}.
 */
public final class Ec2Calls {
  private Ec2Calls() {}

  /** A describe: the region's describe bucket first, then the call. */
  public static <T> T describe(
      ApiRateLimiter limiter, String region, String action, Supplier<T> call) {
    try {
      limiter.acquire(region, ApiAction.DESCRIBE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException(region, action, null, "interrupted", e);
    }
    return call(region, action, call);
  }

  /**
   * The call, its failure typed.
   *
   * @param subject the instance the call is for, else its region
   */
  public static <T> T call(String subject, String action, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("ResourceLimitExceeded".equals(code) || "ConcurrentSnapshotLimitExceeded".equals(code)) {
        throw new ResourceLimitException(subject, action, e);
      }
      throw new Ec2CallException(subject, action, e);
    } catch (SdkClientException e) {
      if (!RetryRule.network(e)) {
        throw e;
      }
      throw new Ec2CallException(subject, action, e);
    }
  }
}
