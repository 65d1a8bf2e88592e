package dev.ec2migrator.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The migrator's IAM policy: the partition-neutral base ({@code config/iam-policy.json}: EC2,
 * CloudFormation, no KMS) plus, per configured copy key ({@code
 * migrator.copy.kms-key-id.<region>}), the KMS permissions EBS needs to encrypt the copies with it,
 * scoped to that key and to EC2 of its region ({@code kms:ViaService}), and DescribeKey for the
 * kms-key preflight check; plus, per source region, what EBS needs of the key that encrypts a
 * source snapshot to copy it: that key is the source volume's own (not known before the run), so
 * the grant is on the source region's keys, only through EC2 of that region. AWS managed keys
 * ({@code aws/ebs}) need none of this: their key policy lets the account use them through EC2.
 */
public final class IamPolicy {
  /** What EBS does with a customer key on the caller's behalf to write encrypted snapshots. */
  static final List<String> EBS_KEY_ACTIONS =
      List.of(
          "kms:CreateGrant",
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo");

  /**
   * What EBS does with the key of an encrypted source snapshot to copy it: read it (Decrypt under a
   * grant) and re-encrypt the data from it to the copy's key (ReEncryptFrom).
   */
  static final List<String> SOURCE_KEY_ACTIONS =
      List.of("kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom");

  private IamPolicy() {}

  /**
   * @param base the text of config/iam-policy.json
   * @param sourceRegions the regions the snapshots are copied from
   * @param keys target region to configured key (id, key ARN, alias or alias ARN)
   */
  public static String render(String base, Set<String> sourceRegions, Map<String, String> keys) {
    JsonObject policy = (JsonObject) Jsoner.deserialize(base, new JsonObject());
    JsonArray statements = (JsonArray) policy.get("Statement");
    if (statements == null) {
      throw new IllegalArgumentException("config/iam-policy.json has no Statement list");
    }
    new TreeSet<>(sourceRegions)
        .forEach(
            region ->
                statements.add(
                    statement(
                        "SourceKeys" + region.replace("-", "") + "ViaEc2",
                        SOURCE_KEY_ACTIONS,
                        region,
                        "*",
                        true)));
    new TreeMap<>(keys)
        .forEach(
            (region, key) -> {
              String sid = "CopyKey" + region.replace("-", "");
              statements.add(statement(sid + "ViaEc2", EBS_KEY_ACTIONS, region, key, true));
              statements.add(
                  statement(sid + "Preflight", List.of("kms:DescribeKey"), region, key, false));
            });
    // Jsoner escapes every '/' as "\/" (valid JSON); a policy reads better without
    return Jsoner.prettyPrint(policy.toJson(), 2).replace("\\/", "/") + "\n";
  }

  private static JsonObject statement(
      String sid, List<String> actions, String region, String key, boolean viaEc2) {
    JsonObject s = new JsonObject();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    s.put("Action", new JsonArray(new ArrayList<>(actions)));
    JsonObject condition = new JsonObject();
    if (viaEc2) {
      condition.put(
          "StringEquals",
          new JsonObject(Map.of("kms:ViaService", "ec2." + region + "." + dnsSuffix(region))));
    }
    if (key.startsWith("arn:") && key.contains(":key/")) {
      s.put("Resource", key);
    } else if (key.startsWith("alias/") || key.startsWith("arn:") && key.contains(":alias/")) {
      // an alias names no key in a policy's Resource: the key is the one holding the alias
      s.put("Resource", "arn:*:kms:" + region + ":*:key/*");
      condition.put(
          "ForAnyValue:StringEquals",
          new JsonObject(Map.of("kms:ResourceAliases", key.substring(key.indexOf("alias/")))));
    } else {
      s.put("Resource", "arn:*:kms:" + region + ":*:key/" + key);
    }
    if (!condition.isEmpty()) {
      s.put("Condition", condition);
    }
    return s;
  }

  /** amazonaws.com, or the partition's own (China: amazonaws.com.cn). */
  static String dnsSuffix(String region) {
    RegionMetadata metadata = Region.of(region).metadata();
    return metadata == null ? "amazonaws.com" : metadata.domain();
  }
}
