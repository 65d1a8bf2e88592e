package dev.ec2migrator.kms;

import dev.ec2migrator.aws.SdkEndpoint;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** The KMS beans: DescribeKey per target region and the preflight check of the configured keys. */
@Configuration
public class KmsConfiguration implements CamelConfiguration {

  @BindToRegistry(value = "kmsKeys", destroyMethod = "close")
  public KmsKeys kmsKeys(@PropertyInject("migrator.kms.endpoint") String endpoint) {
    SdkEndpoint sdk = SdkEndpoint.of(endpoint);
    return new KmsKeys(
        sdk.credentials(),
        sdk.uri(),
        ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(30))
            .build());
  }

  @BindToRegistry(value = "kmsKeyCheck")
  public KmsKeyCheck kmsKeyCheck(@BeanInject("kmsKeys") KmsKeys keys, CamelContext context) {
    return new KmsKeyCheck(keys, key -> context.getPropertiesComponent().resolveProperty(key));
  }
}
