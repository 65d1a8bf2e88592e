package dev.ec2migrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.model.MigrationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputReportTest {

  @Test
  void anUnexpectedErrorIsReportedAsInternalWithAReferenceAndNoStackTrace() {
    StackOverflowError overflow = new StackOverflowError();
    StackTraceElement frame = new StackTraceElement("dev.ec2migrator.X", "deep", "X.java", 1);
    overflow.setStackTrace(
        java.util.Collections.nCopies(1000, frame).toArray(StackTraceElement[]::new));
    String text = BadInputReport.describe(new IllegalStateException("boom", overflow));

    assertThat(text)
        .startsWith("An internal error stopped the run")
        .containsPattern("\\(reference [0-9a-f]{8}\\)")
        .doesNotContain("drop the same file again")
        .doesNotContain("boom")
        .doesNotContain("X.java");
    assertThat(text.lines()).hasSize(1);
  }

  @Test
  void aRejectedListNamesEachProblemAndSaysNothingWasDone() {
    String text =
        BadInputReport.describe(
            new InvalidInstanceListException("x.csv", List.of("line 2: bad", "line 3: worse")));

    assertThat(text)
        .contains("Nothing was done")
        .contains("  line 2: bad\n")
        .contains("  line 3: worse\n");
  }

  @Test
  void aMigrationFailureOfTheWholeRunSaysDropItAgainToResume() {
    String text =
        BadInputReport.describe(
            new MigrationException(
                "i-0123456789abcdef0", "DescribeInstances", "Unavailable", "try later"));

    assertThat(text).startsWith("The run failed").contains("drop the same file again to resume");
  }
}
