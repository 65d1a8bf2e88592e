package dev.ec2migrator.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image-source preflight check: what RegisterImage cannot reproduce, with what to do. */
class ImageSourceCheckTest {
  private final ImageSourceCheck check = new ImageSourceCheck();

  private static InstanceMigration describedAs(SourceImageFacts facts) {
    InstanceMigration m =
        new InstanceMigration(
            "run-1",
            new InstanceEntry(
                2, "i-0123456789abcdef0", null, null, null, null, null, null, null, null),
            "us-east-1",
            "ap-southeast-2");
    m.describedAs(
        new SourceInstance(
            "i-0123456789abcdef0",
            "running",
            "m5.large",
            "subnet-01234567",
            "us-east-1a",
            "10.0.0.4",
            "x86_64",
            "hvm",
            null,
            null,
            "/dev/xvda",
            true,
            "legacy-bios",
            Map.of(),
            List.of(),
            facts));
    return m;
  }

  @Test
  void plainLinuxIsReady() {
    assertThat(check.findings(describedAs(SourceImageFacts.LINUX))).isEmpty();
    assertThat(check.name()).isEqualTo("image-source");
  }

  @Test
  void windowsIsRefusedOnceEvenThoughItsUsageOperationIsNotPlain() {
    assertThat(
            check.findings(
                describedAs(
                    new SourceImageFacts(
                        "windows", "Windows", "RunInstances:0002", List.of(), null, null, null))))
        .singleElement()
        .asString()
        .startsWith("Windows (Windows, usage operation RunInstances:0002)")
        .contains("CreateImage and CopyImage");
  }

  @Test
  void aBillingProductAndEachProductCodeAreRefusedWithTheirNames() {
    assertThat(
            check.findings(
                describedAs(
                    new SourceImageFacts(
                        null,
                        "SUSE Linux",
                        "RunInstances:000g",
                        List.of(
                            new SourceImageFacts.ProductCode("abc123", "marketplace"),
                            new SourceImageFacts.ProductCode("def456", "devpay")),
                        null,
                        null,
                        null))))
        .hasSize(3)
        .satisfiesExactly(
            f ->
                assertThat(f)
                    .startsWith("billing product SUSE Linux, usage operation RunInstances:000g"),
            f -> assertThat(f).startsWith("marketplace product code abc123"),
            f -> assertThat(f).startsWith("devpay product code def456"));
  }

  @Test
  void anUndescribedInstanceHasNoFindingOfThisCheck() {
    InstanceMigration m =
        new InstanceMigration(
            "run-1",
            new InstanceEntry(
                2, "i-0123456789abcdef0", null, null, null, null, null, null, null, null),
            "us-east-1",
            "ap-southeast-2");
    assertThat(check.findings(m)).isEmpty();
  }
}
