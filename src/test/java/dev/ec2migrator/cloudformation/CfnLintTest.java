package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Has AWS's own linter (a YAML 1.1 reader, like CloudFormation) check split, hostile and empty
 * templates (cfn-lint is part of this machine image).
 */
class CfnLintTest extends CloudFormationRouteTestSupport {

  @Override
  Map<String, String> extraProperties() {
    return Map.of("migrator.cloudformation.max-resources", "10");
  }

  /**
   * Runs cfn-lint on the files; errors (not warnings) fail. cfn-lint is on this machine image;
   * where it is not, the test fails saying so (no separate probe: each run of it is a Python start
   * that loads every resource schema).
   */
  static void assertLintClean(List<Path> files) throws Exception {
    List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
    files.forEach(f -> command.add(f.toString()));
    Process lint;
    try {
      lint = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "cfn-lint is not installed (pip install cfn-lint): the templates cannot be checked", e);
    }
    String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(5, TimeUnit.MINUTES)).isTrue();
    // exit code bits: 1 fatal, 2 error, 4 warning, 8 informational; a shell's 127 (pyenv's shim
    // without cfn-lint in the active Python) has both low bits set and fails with its message
    assertThat(lint.exitValue() & 3).as(report).isZero();
  }

  @Test
  void cfnLintFindsNoErrors() throws Exception {
    ResultsCsvFixture fleet = new ResultsCsvFixture();
    for (int i = 0; i < HostileTextRouteTest.HOSTILE.size(); i++) {
      fleet
          .migrated(i + 1, i % 3, i % 4)
          .set(i + 1, ResultColumn.INSTANCE_NAME, HostileTextRouteTest.HOSTILE.get(i));
    }
    fleet.failed(500, 1, "copy failed:\n--- !tag *alias");
    List<Path> files = new ArrayList<>(render(fleet.csv()));
    assertThat(files).hasSizeGreaterThan(1);
    ResultsCsvFixture nothingMigrated = new ResultsCsvFixture().failed(7, 1, "copy failed");
    nothingMigrated.rows().forEach(row -> row.put(ResultColumn.RUN_ID, "nothing-migrated"));
    files.addAll(render(nothingMigrated.csv()));

    assertLintClean(files);
  }
}
