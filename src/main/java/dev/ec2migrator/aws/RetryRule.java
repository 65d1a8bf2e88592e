package dev.ec2migrator.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.camel.Exchange;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Whether a failed EC2 call is worth trying again later: AWS throttled it, answered 5xx or a code
 * it documents as transient (resource limits included), or the network lost the call or its answer
 * (connection reset, refused, timed out). Every route configuration asks {@link
 * #retryable(Exchange)}; Ec2Requests asks {@link #refusedBeforeEffect(Throwable)} to retry on the
 * spot only what EC2 refused before doing anything. A retried step that makes something first looks
 * (by the run's tags, the client token, the image name) for what the lost call may have made.
 */
public class RetryRule {
  private static final Set<String> LATER =
      Set.of(
          "RequestLimitExceeded",
          "Throttling",
          "ResourceLimitExceeded",
          "ConcurrentSnapshotLimitExceeded",
          "SnapshotCreationPerVolumeRateExceeded",
          "InternalError",
          "ServiceUnavailable",
          "Unavailable");

  /**
   * For {@code onWhen}: the exchange's failure, or one of its causes (Camel wraps a failure inside
   * a split), is retryable.
   */
  public boolean retryable(Exchange exchange) {
    Throwable t = exchange.getException();
    if (t == null) {
      t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
    return retryable(t);
  }

  /** The first AWS failure in the cause chain is one to try again later. */
  public boolean retryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Ec2CallException e) {
        return e.network() || LATER.contains(e.code()) || e.statusCode() >= 500;
      }
      if (t instanceof AwsServiceException e) {
        return e.isThrottlingException() || e.statusCode() >= 500 || LATER.contains(code(e));
      }
      if (t instanceof SdkClientException e) {
        return network(e);
      }
    }
    return false;
  }

  /** Throttled: EC2 refused the call before doing anything, so sending it again is harmless. */
  public boolean refusedBeforeEffect(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AwsServiceException e) {
        return e.isThrottlingException();
      }
    }
    return false;
  }

  /** The call or its answer was lost on the way (not a client-side mistake such as credentials). */
  public static boolean network(SdkClientException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }
}
