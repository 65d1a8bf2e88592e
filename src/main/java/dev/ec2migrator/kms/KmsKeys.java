package dev.ec2migrator.kms;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * KMS DescribeKey, the one KMS call the migrator makes itself (EC2 uses the keys on our behalf): a
 * SigV4-signed JSON request (TrentService) through the SDK's signer and HTTP client. The SDK's kms
 * module is not used because no release of it matching this project's SDK line is available from
 * Maven Central here.
 */
public class KmsKeys implements AutoCloseable {
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /**
   * @param endpoint null for AWS's own KMS endpoint of each region
   */
  public KmsKeys(AwsCredentialsProvider credentials, URI endpoint, SdkHttpClient http) {
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.http = http;
  }

  /**
   * The key as KMS in {@code region} knows it.
   *
   * @throws KmsCallException KMS answered with an error (NotFoundException, AccessDeniedException)
   * @throws IOException KMS could not be asked
   */
  public KmsKey describeKey(String region, String keyId) throws IOException {
    String body = Jsoner.serialize(Map.of("KeyId", keyId));
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(
                endpoint != null
                    ? endpoint
                    : URI.create("https://kms." + region + "." + dnsSuffix(region)))
            .encodedPath("/")
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "TrentService.DescribeKey")
            .build();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpExecuteResponse response =
        http.prepareRequest(
                HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build())
            .call();
    JsonObject answer = json(response.responseBody());
    if (!response.httpResponse().isSuccessful()) {
      String type =
          String.valueOf(
              answer.getOrDefault("__type", "HTTP " + response.httpResponse().statusCode()));
      String message =
          String.valueOf(answer.getOrDefault("message", answer.getOrDefault("Message", "")));
      throw new KmsCallException(
          "-", "DescribeKey", type.substring(type.lastIndexOf('#') + 1), message);
    }
    JsonObject meta = answer.getMap("KeyMetadata");
    if (meta == null) {
      throw new IOException("KMS DescribeKey answered without KeyMetadata");
    }
    return new KmsKey(
        meta.getString("KeyId"),
        meta.getString("Arn"),
        Boolean.TRUE.equals(meta.getBoolean("Enabled")),
        meta.getString("KeyState"),
        meta.getString("KeyUsage"),
        meta.getString("KeySpec"));
  }

  private static JsonObject json(Optional<? extends InputStream> body) throws IOException {
    if (body.isEmpty()) {
      return new JsonObject();
    }
    try (InputStream in = body.get()) {
      byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw new IOException("KMS answered more than " + MAX_ANSWER_BYTES + " bytes");
      }
      Object parsed =
          Jsoner.deserialize(new String(bytes, StandardCharsets.UTF_8), new JsonObject());
      return parsed instanceof JsonObject o ? o : new JsonObject();
    }
  }

  /** amazonaws.com, or the partition's own (China: amazonaws.com.cn). */
  private static String dnsSuffix(String region) {
    RegionMetadata metadata = Region.of(region).metadata();
    return metadata == null ? "amazonaws.com" : metadata.domain();
  }

  @Override
  public void close() {
    http.close();
  }
}
