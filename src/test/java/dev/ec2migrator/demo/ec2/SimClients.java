package dev.ec2migrator.demo.ec2;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Real SDK v2 clients against a simulator; dummy credentials, nothing but 127.0.0.1. */
final class SimClients {
  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-secret-not-a-real-key"));

  private SimClients() {}

  /** A client that does not retry, so every simulator error reaches the test. */
  static Ec2Client client(Ec2Simulator sim, String region) {
    return client(sim, region, AwsRetryStrategy.doNotRetry());
  }

  static Ec2Client client(Ec2Simulator sim, String region, RetryStrategy retry) {
    return Ec2Client.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.of(region))
        .credentialsProvider(DUMMY)
        .overrideConfiguration(c -> c.retryStrategy(retry))
        .build();
  }
}
