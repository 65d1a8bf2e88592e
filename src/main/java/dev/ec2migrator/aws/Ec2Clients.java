package dev.ec2migrator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * One SDK client per region, created on first use. The endpoint override points every region at one
 * EC2-compatible endpoint (the simulator); the region still travels in the SigV4 scope.
 */
public class Ec2Clients implements AutoCloseable {
  private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();
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
    return clients.computeIfAbsent(region, this::create);
  }

  private Ec2Client create(String region) {
    Ec2ClientBuilder builder =
        Ec2Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(maxConnections)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            // the SDK's own backoff with jitter is the backstop behind our client-side buckets
            .overrideConfiguration(
                c ->
                    c.addExecutionInterceptor(counter)
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .build()));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    Ec2Client client = builder.build();
    onCreate.accept(region, client);
    return client;
  }

  @Override
  public void close() {
    clients.values().forEach(Ec2Client::close);
    clients.clear();
  }
}
