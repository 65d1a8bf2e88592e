package dev.ec2migrator.kms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.demo.kms.DemoKeys;
import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.preflight.PreflightCheck;
import dev.ec2migrator.run.MigrationRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Re-encryption with the target region's own key: {@code migrator.copy.kms-key-id.<region>} names a
 * key of that region, CopySnapshot sends it with Encrypted=true, and encrypted sources (their
 * snapshots encrypted with a source region key) and unencrypted ones alike come out encrypted with
 * it. The kms-key preflight check asks KMS in the target region whether EBS can use the key.
 */
class EncryptedCopiesTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final String ENCRYPTED_DATA = "i-29f9bc392ceaaaad3";
  private static final String PLAIN = "i-ff3c7a3b84befb092";

  @Override
  protected Map<String, String> overrides() {
    return Map.of("migrator.copy.kms-key-id." + TARGET, "alias/migration");
  }

  @Test
  void copiesOfEncryptedAndPlainSourcesAreEncryptedWithTheTargetRegionsKey() throws Exception {
    MigrationRun run = migrate("encrypted.csv", ENCRYPTED_DATA + "\n" + PLAIN + "\n");
    assertThat(run.migrations()).allSatisfy(m -> assertThat(m.isFailed()).isFalse());
    String sourceKey = DemoKeys.arn(world().kms().keys().accountId(), SOURCE, "alias/migration");
    List<SimVolume> encryptedVolumes =
        world().fleet().stream()
            .filter(i -> i.instanceId().equals(ENCRYPTED_DATA))
            .flatMap(i -> i.volumes().stream())
            .filter(SimVolume::encrypted)
            .toList();
    assertThat(encryptedVolumes).hasSize(2);
    Map<String, SimSnapshot> sources =
        world().ec2().snapshots(SOURCE).stream()
            .collect(Collectors.toMap(SimSnapshot::snapshotId, Function.identity()));
    for (SimVolume v : encryptedVolumes) {
      SimSnapshot snapshot =
          sources.values().stream()
              .filter(s -> s.volumeId().equals(v.volumeId()))
              .findFirst()
              .get();
      assertThat(snapshot.encrypted()).isTrue();
      assertThat(snapshot.kmsKeyId()).isEqualTo(sourceKey);
    }
    List<SimSnapshot> copies = world().ec2().snapshots(TARGET);
    assertThat(copies).hasSize(5); // 4 volumes + 1
    assertThat(copies)
        .allSatisfy(
            c -> {
              assertThat(c.encrypted()).isTrue();
              assertThat(c.kmsKeyId()).isEqualTo("alias/migration");
              assertThat(sources).containsKey(c.sourceSnapshotId());
            });
    assertThat(readCsv(run.csvFile()))
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.get("status")).isEqualTo("MIGRATED"));
  }

  @Test
  void theKmsKeyCheckAsksKmsInTheTargetRegion() throws Exception {
    PreflightCheck configured =
        context.getRegistry().lookupByNameAndType("kmsKeyCheck", PreflightCheck.class);
    assertThat(context.getRegistry().findByType(PreflightCheck.class)).contains(configured);
    assertThat(configured.findings(migration(TARGET))).isEmpty();
    long asked = world().kms().calls().getOrDefault(TARGET + "/DescribeKey", 0L);
    assertThat(asked).isPositive();
    // no key configured for this target region: copies keep the source's encryption
    assertThat(configured.findings(migration("eu-west-1"))).isEmpty();
    assertThat(world().kms().calls()).doesNotContainKey("eu-west-1/DescribeKey");

    KmsKeys keys = context.getRegistry().lookupByNameAndType("kmsKeys", KmsKeys.class);
    assertThat(withKey(keys, "alias/retired").findings(migration(TARGET)))
        .singleElement()
        .asString()
        .contains("alias/retired")
        .contains("is Disabled");
    assertThat(withKey(keys, "alias/signing").findings(migration(TARGET)))
        .singleElement()
        .asString()
        .contains("RSA_2048 SIGN_VERIFY")
        .contains("symmetric ENCRYPT_DECRYPT");
    // the source region's key ARN: a KMS key lives in one region
    String sourceKey = DemoKeys.arn(world().kms().keys().accountId(), SOURCE, "alias/migration");
    assertThat(withKey(keys, sourceKey).findings(migration(TARGET)))
        .singleElement()
        .asString()
        .contains("no such key in " + TARGET)
        .contains("lives in one region");
  }

  private static KmsKeyCheck withKey(KmsKeys keys, String keyId) {
    return new KmsKeyCheck(
        keys,
        property ->
            property.equals("migrator.copy.kms-key-id." + TARGET)
                ? Optional.of(keyId)
                : Optional.empty());
  }

  private static InstanceMigration migration(String targetRegion) {
    return new InstanceMigration(
        "run-1",
        new InstanceEntry(1, PLAIN, null, null, null, null, null, null, null, null),
        SOURCE,
        targetRegion);
  }
}
