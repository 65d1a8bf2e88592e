package dev.ec2migrator.aws;

import static dev.ec2migrator.wiring.Lifecycle.closeOnStop;

import java.util.Map;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * EC2 calls: one SDK client per region, the client-side rate limits, how a request is made through
 * them ({@link Ec2CallBeans} binds the calls built on it).
 */
public class AwsBeans implements CamelConfiguration {

  @BindToRegistry("apiCallCounter")
  public ApiCallCounter apiCallCounter() {
    return new ApiCallCounter();
  }

  /**
   * Each region's client is also bound as {@code ec2-<region>} for the camel-aws2-ec2 endpoints.
   */
  @BindToRegistry(value = "ec2Clients")
  public Ec2Clients ec2Clients(
      CamelContext context,
      @PropertyInject("migrator.ec2.endpoint") String endpoint,
      @PropertyInject("migrator.sdk.max-attempts") int maxAttempts,
      @PropertyInject("migrator.parallelism") int parallelism,
      ApiCallCounter counter)
      throws Exception {
    SdkEndpoint sdk = SdkEndpoint.of(endpoint);
    return closeOnStop(
        context,
        new Ec2Clients(
            sdk.credentials(),
            sdk.uri(),
            maxAttempts,
            parallelism * 2,
            counter,
            (region, client) -> context.getRegistry().bind("ec2-" + region, client)));
  }

  /**
   * EC2's token buckets; {@code migrator.rate-limit.scale} multiplies them (the demo world sets its
   * throttle scale there, so the client keeps to the simulator's limits).
   */
  @BindToRegistry(value = "apiRateLimiter")
  public ApiRateLimiter apiRateLimiter(
      @PropertyInject("migrator.rate-limit.describe") String describe,
      @PropertyInject("migrator.rate-limit.mutating") String mutating,
      @PropertyInject("migrator.rate-limit.create-snapshots") String createSnapshots,
      @PropertyInject("migrator.rate-limit.scale") double scale) {
    return new ApiRateLimiter(
        ApiRateLimiter.scaled(
            Map.of(
                "describe", describe.strip(),
                "mutating", mutating.strip(),
                "create-snapshots", createSnapshots.strip()),
            scale));
  }

  /** What may be retried: the routes' error handlers and the gateway ask this one bean. */
  @BindToRegistry(value = "retryRule")
  public RetryRule retryRule() {
    return new RetryRule();
  }

  @BindToRegistry(value = "ec2Requests")
  public Ec2Requests ec2Requests(Ec2Clients clients, ApiRateLimiter limiter, RetryRule retryRule) {
    return new Ec2Requests(clients, limiter, retryRule);
  }
}
