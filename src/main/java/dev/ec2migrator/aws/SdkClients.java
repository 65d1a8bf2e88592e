package dev.ec2migrator.aws;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.utils.SdkAutoCloseable;

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

  /** One client per region, made on first use, closed together. */
  public static final class PerRegion<C extends SdkAutoCloseable> implements AutoCloseable {
    private final Map<String, C> clients = new ConcurrentHashMap<>();
    private final Function<String, C> create;

    /**
     * @param create makes the region's client
     */
    public PerRegion(Function<String, C> create) {
      this.create = create;
    }

    public C get(String region) {
      return clients.computeIfAbsent(region, create);
    }

    @Override
    public void close() {
      clients.values().forEach(SdkAutoCloseable::close);
      clients.clear();
    }
  }

  /** The SDK's standard retry (backoff with jitter; throttling, 5xx, lost connections). */
  public static RetryStrategy standardRetry(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }
}
