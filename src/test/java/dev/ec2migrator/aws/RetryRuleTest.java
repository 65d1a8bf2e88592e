package dev.ec2migrator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one rule for "try again later", on the SDK's own exception types. */
class RetryRuleTest {
  private final RetryRule rule = new RetryRule();

  private static AwsServiceException aws(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
        .build();
  }

  private static SdkClientException lost(Exception cause) {
    return SdkClientException.builder()
        .message("Unable to execute HTTP request: " + cause.getMessage())
        .cause(cause)
        .build();
  }

  @Test
  void throttling5xxAndLimitsAreRetriedOtherAwsErrorsAreNot() {
    assertThat(rule.retryable(aws("RequestLimitExceeded", 503))).isTrue();
    assertThat(rule.retryable(aws("InternalError", 500))).isTrue();
    assertThat(rule.retryable(aws("ConcurrentSnapshotLimitExceeded", 400))).isTrue();
    assertThat(rule.retryable(aws("InvalidParameterValue", 400))).isFalse();
    assertThat(rule.retryable(new Ec2CallException("i-1", "CopySnapshot", aws("Unavailable", 503))))
        .isTrue();
    assertThat(
            rule.retryable(
                new Ec2CallException("i-1", "RegisterImage", aws("InvalidAMIName.Malformed", 400))))
        .isFalse();
  }

  @Test
  void aLostConnectionIsRetriedAClientMistakeIsNot() {
    SdkClientException reset = lost(new SocketException("Connection reset"));
    assertThat(rule.retryable(reset)).isTrue();
    assertThat(rule.retryable(lost(new SocketTimeoutException("Read timed out")))).isTrue();
    Ec2CallException typed = new Ec2CallException("i-1", "CreateSnapshots", reset);
    assertThat(typed.code()).isEqualTo(Ec2CallException.NETWORK);
    assertThat(typed.getMessage())
        .isEqualTo(
            "i-1: CreateSnapshots failed (NetworkError): Unable to execute HTTP request:"
                + " Connection reset");
    assertThat(rule.retryable(typed)).isTrue();
    assertThat(
            rule.retryable(
                SdkClientException.create("Unable to load credentials from any provider")))
        .isFalse();
  }

  @Test
  void theRuleLooksThroughCamelsWrappers() {
    var wrapped =
        new RuntimeCamelException(
            "Multicast processing failed",
            new Ec2CallException("i-1", "CopySnapshot", aws("InternalError", 500)));
    assertThat(rule.retryable(wrapped)).isTrue();
    assertThat(rule.retryable(new IllegalStateException("not AWS"))).isFalse();
  }

  @Test
  void onlyThrottlingIsRetriedOnTheSpotSinceNothingWasDone() {
    assertThat(rule.refusedBeforeEffect(aws("RequestLimitExceeded", 503))).isTrue();
    assertThat(
            rule.refusedBeforeEffect(
                new Ec2CallException("i-1", "CopySnapshot", aws("Throttling", 400))))
        .isTrue();
    assertThat(rule.refusedBeforeEffect(aws("InternalError", 500))).isFalse();
    assertThat(rule.refusedBeforeEffect(lost(new SocketException("Connection reset")))).isFalse();
  }
}
