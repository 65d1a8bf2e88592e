package dev.ec2migrator.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * What every SDK client of the migrator (EC2, CloudFormation) is built with: its region, the
 * credentials, the endpoint override (one endpoint for every region: the demo world or moto; the
 * region still travels in the SigV4 scope) and a retry strategy.
 */
public final class SdkClients {
  private SdkClients() {}

  /**
   * @param endpoint null for AWS's own endpoints
   */
  public static <B extends AwsClientBuilder<B, C>, C> C build(
      B builder,
      String region,
      AwsCredentialsProvider credentials,
      URI endpoint,
      RetryStrategy retryStrategy,
      ExecutionInterceptor... interceptors) {
    builder
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .overrideConfiguration(
            c -> {
              c.retryStrategy(retryStrategy);
              for (ExecutionInterceptor interceptor : interceptors) {
                c.addExecutionInterceptor(interceptor);
              }
            });
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /** The SDK's standard retry (backoff with jitter; throttling, 5xx, lost connections). */
  public static RetryStrategy standardRetry(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }
}
