package dev.ec2migrator.demo.kms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The demo account's KMS keys. Every region has the AWS managed EBS key ({@code alias/aws/ebs}) and
 * a customer key {@code alias/migration}, each with its own id there (a key lives in one region);
 * ap-southeast-2 also has a disabled key ({@code alias/retired}) and an asymmetric signing key
 * ({@code alias/signing}) that EBS cannot use.
 */
public final class DemoKeys {
  /** One key; {@code alias} includes the {@code alias/} prefix. */
  public record Key(
      String region,
      String alias,
      String keyId,
      String arn,
      String state,
      String usage,
      String spec,
      boolean awsManaged,
      String description) {}

  private final String accountId;

  public DemoKeys(String accountId) {
    this.accountId = accountId;
  }

  public String accountId() {
    return accountId;
  }

  /** The keys of one region. */
  public List<Key> inRegion(String region) {
    List<Key> keys =
        new java.util.ArrayList<>(
            List.of(
                key(
                    region,
                    "alias/aws/ebs",
                    "Enabled",
                    "ENCRYPT_DECRYPT",
                    "SYMMETRIC_DEFAULT",
                    true),
                key(
                    region,
                    "alias/migration",
                    "Enabled",
                    "ENCRYPT_DECRYPT",
                    "SYMMETRIC_DEFAULT",
                    false)));
    if (region.equals("ap-southeast-2")) {
      keys.add(
          key(region, "alias/retired", "Disabled", "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", false));
      keys.add(key(region, "alias/signing", "Enabled", "SIGN_VERIFY", "RSA_2048", false));
    }
    return keys;
  }

  /** A key of this region by id, key ARN, alias or alias ARN, as KMS accepts them; else null. */
  public Key find(String region, String keyId) {
    for (Key k : inRegion(region)) {
      if (keyId.equals(k.keyId())
          || keyId.equals(k.arn())
          || keyId.equals(k.alias())
          || keyId.equals(aliasArn(k))) {
        return k;
      }
    }
    return null;
  }

  /** The ARN of a key by alias in a region (whether or not the region has it). */
  public String arn(String region, String alias) {
    return arn(accountId, region, alias);
  }

  /** The ARN of the demo key {@code alias} of account {@code accountId} in {@code region}. */
  public static String arn(String accountId, String region, String alias) {
    return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId(accountId, region, alias);
  }

  private String aliasArn(Key k) {
    return "arn:aws:kms:" + k.region() + ":" + accountId + ":" + k.alias();
  }

  private String keyId(String region, String alias) {
    return keyId(accountId, region, alias);
  }

  private static String keyId(String accountId, String region, String alias) {
    return UUID.nameUUIDFromBytes(
            (accountId + "/" + region + "/" + alias).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Key key(
      String region, String alias, String state, String usage, String spec, boolean awsManaged) {
    return new Key(
        region,
        alias,
        keyId(region, alias),
        arn(region, alias),
        state,
        usage,
        spec,
        awsManaged,
        awsManaged ? "Default key that protects my EBS volumes" : "demo key " + alias);
  }
}
