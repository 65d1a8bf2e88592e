package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsCsvReaderTest {
  private final ResultsCsvReader reader = new ResultsCsvReader();

  @Test
  void eachRowKnowsThePhysicalLineItStartsOn() {
    String csv =
        new ResultsCsvFixture()
            .migrated(1, 1, 1)
            .setOnRow(0, ResultColumn.INSTANCE_NAME, "a\r\nb\nc")
            .setOnRow(1, ResultColumn.ERROR, "x\ny")
            .migrated(2, 1, 0)
            .csv();

    List<ResultRow> rows = reader.read(csv);

    assertThat(rows).extracting(ResultRow::line).containsExactly(2L, 5L, 7L);
  }

  @Test
  void removesTheSpreadsheetGuardAndAByteOrderMark() {
    String csv =
        new ResultsCsvFixture()
            .migrated(1, 1, 0)
            .set(1, ResultColumn.INSTANCE_NAME, "=HYPERLINK(\"x\")")
            .csv();
    assertThat(csv).contains("'=HYPERLINK");

    List<ResultRow> rows = reader.read("\uFEFF" + csv);

    assertThat(rows.get(0).get(ResultColumn.RUN_ID)).isEqualTo(ResultsCsvFixture.RUN_ID);
    assertThat(rows.get(0).get(ResultColumn.INSTANCE_NAME)).isEqualTo("=HYPERLINK(\"x\")");
  }

  @Test
  void acceptsColumnsInAnotherOrderAndIgnoresBlankLines() {
    List<ResultColumn> reversed = new java.util.ArrayList<>(List.of(ResultColumn.values()));
    java.util.Collections.reverse(reversed);
    String csv = new ResultsCsvFixture().migrated(1, 1, 0).csv(reversed) + "\r\n";

    List<ResultRow> rows = reader.read(csv);

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(ResultColumn.SOURCE_INSTANCE_ID))
        .isEqualTo(ResultsCsvFixture.instanceId(1));
  }

  @Test
  void brokenQuotingIsReportedAsABadCsv() {
    String csv = new ResultsCsvFixture().migrated(1, 1, 0).csv() + "\"unterminated,x\n";

    assertThatThrownBy(() -> reader.read(csv))
        .isInstanceOf(InvalidResultsCsvException.class)
        .hasMessageContaining("cannot be parsed");
  }

  @Test
  void aDuplicateColumnIsReportedAsABadCsv() {
    String csv = new ResultsCsvFixture().migrated(1, 1, 0).csv().replace("\r\n", ",FAILED\r\n");
    String last = ResultColumn.values()[ResultColumn.values().length - 1].header();
    assertThat(csv).contains(last + ",FAILED\r\n");
    String withDuplicate = csv.replaceFirst(last + ",FAILED", last + ",status");

    assertThatThrownBy(() -> reader.read(withDuplicate))
        .isInstanceOf(InvalidResultsCsvException.class)
        .hasMessageContaining("duplicate")
        .hasMessageContaining("status");
  }
}
