package dev.ec2migrator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.function.BiConsumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One SDK client per region, created on first use ({@link SdkClients}: the endpoint override points
 * every region at one EC2-compatible endpoint, the simulator or moto).
 */
public class Ec2Clients implements AutoCloseable {
  private final SdkClients.PerRegion<Ec2Client> clients = new SdkClients.PerRegion<>(this::create);
  private final SdkClients.PerRegion<Ec2Client> creatingClients =
      new SdkClients.PerRegion<>(r -> build(r, AwsRetryStrategy.doNotRetry()));
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final int maxAttempts;
  private final int maxConnections;
  private final BiConsumer<String, Ec2Client> onCreate;
  private final ApiCallCounter counter;

  /**
   * @param endpoint null for AWS's own endpoints
   * @param onCreate told of each new client (the configuration binds it as {@code ec2-<region>} for
   *     the camel-aws2-ec2 endpoints)
   */
  public Ec2Clients(
      AwsCredentialsProvider credentials,
      URI endpoint,
      int maxAttempts,
      int maxConnections,
      ApiCallCounter counter,
      BiConsumer<String, Ec2Client> onCreate) {
    this.counter = counter;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.maxAttempts = maxAttempts;
    this.maxConnections = maxConnections;
    this.onCreate = onCreate;
  }

  public Ec2Client forRegion(String region) {
    return clients.get(region);
  }

  /**
   * For the calls that make something (CreateSnapshots, CopySnapshot): no SDK retry. A 5xx or a
   * lost connection may come after EC2 made the snapshot or copy, and the SDK's retry would make a
   * duplicate (it cannot tell, and its retry conditions are not ours to narrow: the AWS defaults
   * are added to any strategy). Throttling, which EC2 answers before doing anything, is retried by
   * {@link Ec2Requests#make}; every other failure goes up to the route, which looks for what was
   * made (by the run's tags) before it tries again, with its own backoff.
   */
  public Ec2Client forCreatingCalls(String region) {
    return creatingClients.get(region);
  }

  /** The SDK attempts per call (forCreatingCalls retries throttling itself, as many times). */
  public int maxAttempts() {
    return maxAttempts;
  }

  private Ec2Client create(String region) {
    Ec2Client client = build(region, SdkClients.standardRetry(maxAttempts));
    onCreate.accept(region, client);
    return client;
  }

  private Ec2Client build(String region, RetryStrategy retryStrategy) {
    // the SDK's own backoff with jitter is the backstop behind our client-side buckets
    return SdkClients.build(
        Ec2Client.builder()
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(maxConnections)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))),
        region,
        credentials,
        endpoint,
        retryStrategy,
        counter);
  }

  @Override
  public void close() {
    clients.close();
    creatingClients.close();
  }
}
