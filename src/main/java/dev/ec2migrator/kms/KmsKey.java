package dev.ec2migrator.kms;

/** What KMS DescribeKey tells of a key: enough to say whether EBS can encrypt with it. */
public record KmsKey(
    String keyId, String arn, boolean enabled, String keyState, String keyUsage, String keySpec) {

  /**
   * EBS encrypts with symmetric encryption keys only (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT), and only
   * with an enabled one; empty when this key can, else why not and what to change.
   */
  public String unusableForEbs() {
    if (!enabled || !"Enabled".equals(keyState)) {
      return "is " + keyState + ": enable it (or name an enabled key)";
    }
    if (!"ENCRYPT_DECRYPT".equals(keyUsage) || !"SYMMETRIC_DEFAULT".equals(keySpec)) {
      return "is a "
          + keySpec
          + " "
          + keyUsage
          + " key: EBS encrypts with symmetric ENCRYPT_DECRYPT (SYMMETRIC_DEFAULT) keys only";
    }
    return "";
  }
}
