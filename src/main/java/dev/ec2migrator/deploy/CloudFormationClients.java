package dev.ec2migrator.deploy;

import dev.ec2migrator.aws.SdkClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * One CloudFormation client per region, created on first use; the endpoint override points every
 * region at one CloudFormation-compatible endpoint (the demo world or moto).
 */
public class CloudFormationClients implements AutoCloseable {
  private final SdkClients.PerRegion<CloudFormationClient> clients =
      new SdkClients.PerRegion<>(this::create);
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final int maxAttempts;

  /**
   * @param endpoint null for AWS's own endpoints
   */
  public CloudFormationClients(AwsCredentialsProvider credentials, URI endpoint, int maxAttempts) {
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.maxAttempts = maxAttempts;
  }

  public CloudFormationClient forRegion(String region) {
    return clients.get(region);
  }

  private CloudFormationClient create(String region) {
    // throttling and 5xx are retried by the SDK with backoff and jitter; CreateStack and
    // UpdateStack are safe to repeat (a second call is refused, never a second stack)
    return SdkClients.build(
        CloudFormationClient.builder(),
        region,
        credentials,
        endpoint,
        SdkClients.standardRetry(maxAttempts));
  }

  @Override
  public void close() {
    clients.close();
  }
}
