package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The size estimate made before rendering keeps every rendered part under the byte limit. */
class SizeLimitRouteTest extends CloudFormationRouteTestSupport {
  private static final int MAX_BYTES = 30_000;

  @Override
  Map<String, String> extraProperties() {
    return Map.of("migrator.cloudformation.max-template-bytes", Integer.toString(MAX_BYTES));
  }

  @Test
  void everyPartStaysUnderTheByteLimitEvenWithTheWidestTagText() throws Exception {
    ResultsCsvFixture fleet = new ResultsCsvFixture();
    for (int i = 1; i <= 20; i++) {
      // EC2 tag values hold up to 256 characters: 4-byte emoji and 6-byte escapes are the widest
      String name = i % 2 == 0 ? "😀".repeat(128) : "\u0001".repeat(256);
      fleet.migrated(i, i % 3, 3).set(i, ResultColumn.INSTANCE_NAME, name);
    }

    List<Path> files = render(fleet.csv());

    assertThat(files.size()).isGreaterThan(1);
    int instances = 0;
    for (Path file : files) {
      assertThat(Files.size(file)).isLessThanOrEqualTo(MAX_BYTES);
      instances += resourcesOfType(parse(file), "AWS::EC2::Instance").size();
    }
    assertThat(instances).isEqualTo(20);
  }
}
