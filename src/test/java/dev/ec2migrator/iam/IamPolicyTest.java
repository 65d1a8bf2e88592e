package dev.ec2migrator.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/** The policy is partition-neutral and grants KMS only on the configured keys, through EC2. */
class IamPolicyTest {

  @Test
  void theBasePolicyNamesNoPartitionAndGrantsNoKms() throws Exception {
    String base = Files.readString(Path.of("config/iam-policy.json"));
    assertThat(base).doesNotContain("arn:aws:").doesNotContain("kms:");
    // valid JSON, unchanged when no key is configured
    assertThat(statements(IamPolicy.render(base, Set.of(), Map.of())))
        .hasSameSizeAs(statements(base));
  }

  @Test
  void eachConfiguredKeyIsScopedToItselfAndToEc2OfItsRegion() throws Exception {
    String base = Files.readString(Path.of("config/iam-policy.json"));
    String keyArn =
        "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    List<JsonObject> kms =
        statements(
                IamPolicy.render(
                    base,
                    Set.of(),
                    Map.of(
                        "ap-southeast-2", "alias/migration",
                        "us-gov-west-1", keyArn,
                        "cn-north-1", "1234abcd-12ab-34cd-56ef-1234567890ab")))
            .stream()
            .filter(s -> s.get("Action").toString().contains("kms:"))
            .toList();
    assertThat(kms).hasSize(6);
    assertThat(kms).noneSatisfy(s -> assertThat(s.get("Resource")).isEqualTo("*"));
    JsonObject alias = sid(kms, "CopyKeyapsoutheast2ViaEc2");
    assertThat(alias.getString("Resource")).isEqualTo("arn:*:kms:ap-southeast-2:*:key/*");
    assertThat(Jsoner.serialize(alias.get("Condition")).replace("\\/", "/"))
        .contains("\"kms:ViaService\":\"ec2.ap-southeast-2.amazonaws.com\"")
        .contains("\"kms:ResourceAliases\":\"alias/migration\"");
    assertThat(sid(kms, "CopyKeyusgovwest1ViaEc2").getString("Resource")).isEqualTo(keyArn);
    JsonObject china = sid(kms, "CopyKeycnnorth1ViaEc2");
    assertThat(china.getString("Resource"))
        .isEqualTo("arn:*:kms:cn-north-1:*:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assertThat(Jsoner.serialize(china.get("Condition")).toString())
        .contains("ec2.cn-north-1.amazonaws.com.cn");
    // the preflight's own DescribeKey does not go through EC2
    JsonObject preflight = sid(kms, "CopyKeyapsoutheast2Preflight");
    assertThat((List<Object>) preflight.get("Action")).containsExactly("kms:DescribeKey");
    assertThat(Jsoner.serialize(preflight.get("Condition")).toString())
        .doesNotContain("ViaService");
  }

  @Test
  void theKeysOfEncryptedSourcesAreUsableOnlyThroughEc2OfTheSourceRegion() throws Exception {
    String base = Files.readString(Path.of("config/iam-policy.json"));
    List<JsonObject> statements =
        statements(
            IamPolicy.render(
                base,
                Set.of("us-east-1", "cn-northwest-1"),
                Map.of("ap-southeast-2", "alias/migration")));
    JsonObject source = sid(statements, "SourceKeysuseast1ViaEc2");
    // EBS reads the source snapshot under a grant and re-encrypts from its key; it never encrypts
    // new data with it, so neither GenerateDataKey* nor ReEncryptTo
    assertThat((List<Object>) source.get("Action"))
        .containsExactlyInAnyOrder(
            "kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom");
    assertThat(source.getString("Resource")).isEqualTo("arn:*:kms:us-east-1:*:key/*");
    assertThat(Jsoner.serialize(source.get("Condition")).replace("\\/", "/"))
        .isEqualTo("{\"StringEquals\":{\"kms:ViaService\":\"ec2.us-east-1.amazonaws.com\"}}");
    assertThat(Jsoner.serialize(sid(statements, "SourceKeyscnnorthwest1ViaEc2").get("Condition")))
        .contains("ec2.cn-northwest-1.amazonaws.com.cn");
    // the copy key's own statements are still there, and nothing else on KMS
    assertThat(statements)
        .filteredOn(s -> s.get("Action").toString().contains("kms:"))
        .extracting(s -> s.getString("Sid"))
        .containsExactlyInAnyOrder(
            "SourceKeysuseast1ViaEc2",
            "SourceKeyscnnorthwest1ViaEc2",
            "CopyKeyapsoutheast2ViaEc2",
            "CopyKeyapsoutheast2Preflight");
  }

  private static JsonObject sid(List<JsonObject> statements, String sid) {
    return statements.stream().filter(s -> sid.equals(s.getString("Sid"))).findFirst().get();
  }

  private static List<JsonObject> statements(String policy) {
    JsonObject json = (JsonObject) Jsoner.deserialize(policy, new JsonObject());
    return ((JsonArray) json.get("Statement")).stream().map(JsonObject.class::cast).toList();
  }
}
