package dev.ec2migrator.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A configured endpoint ({@code migrator.ec2.endpoint}, {@code migrator.cloudformation.endpoint})
 * and the credentials the SDK signs with there.
 *
 * @param uri null for AWS's own endpoints
 */
public record SdkEndpoint(URI uri, AwsCredentialsProvider credentials) {

  /** Empty = AWS's own endpoints with the default credentials chain. */
  public static SdkEndpoint of(String configured) {
    String endpoint = configured.strip();
    if (endpoint.isEmpty()) {
      return new SdkEndpoint(null, DefaultCredentialsProvider.builder().build());
    }
    if (endpoint.startsWith("http://127.0.0.1")) {
      // a simulator on this machine checks the SigV4 scope, not the secret
      return new SdkEndpoint(
          URI.create(endpoint),
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create("SIMULATED", "simulated-secret")));
    }
    return new SdkEndpoint(URI.create(endpoint), DefaultCredentialsProvider.builder().build());
  }
}
