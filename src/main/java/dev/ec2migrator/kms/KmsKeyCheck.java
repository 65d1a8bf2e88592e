package dev.ec2migrator.kms;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.preflight.PreflightCheck;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The KMS key configured for the instance's target region ({@code
 * migrator.copy.kms-key-id.<region>}) must be a key of that region (KMS keys live in one region)
 * that EBS can encrypt with: enabled, symmetric, ENCRYPT_DECRYPT. No key configured: nothing to
 * check (copies keep the source's encryption, with the target region's default EBS key).
 */
public class KmsKeyCheck implements PreflightCheck {
  static final String KEY_PREFIX = "migrator.copy.kms-key-id.";

  private final KmsKeys keys;
  private final Function<String, Optional<String>> properties;

  public KmsKeyCheck(KmsKeys keys, Function<String, Optional<String>> properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public String name() {
    return "kms-key";
  }

  @Override
  public List<String> findings(InstanceMigration m) throws Exception {
    String region = m.targetRegion();
    String property = KEY_PREFIX + region;
    Optional<String> keyId =
        properties.apply(property).map(String::strip).filter(s -> !s.isEmpty());
    if (keyId.isEmpty()) {
      return List.of();
    }
    KmsKey key;
    try {
      key = keys.describeKey(region, keyId.get());
    } catch (KmsCallException e) {
      if ("NotFoundException".equals(e.code())) {
        return List.of(
            property
                + " = "
                + keyId.get()
                + ": no such key in "
                + region
                + " (a KMS key lives in one region): name a key of "
                + region);
      }
      if ("AccessDeniedException".equals(e.code())) {
        return List.of(
            property
                + " = "
                + keyId.get()
                + ": kms:DescribeKey is denied: allow it on this key (config/iam-policy.json)");
      }
      throw e;
    }
    String unusable = key.unusableForEbs();
    return unusable.isEmpty()
        ? List.of()
        : List.of(property + " = " + keyId.get() + " (" + key.arn() + ") " + unusable);
  }
}
