package dev.ec2migrator.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetSafeTest {

  @ParameterizedTest
  @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "="})
  void formulaLikeCellsGetALeadingQuoteAndComeBackUnchanged(String cell) {
    String escaped = SpreadsheetSafe.escape(cell);

    assertThat(escaped).isEqualTo("'" + cell);
    assertThat(SpreadsheetSafe.unescape(escaped)).isEqualTo(cell);
  }

  @ParameterizedTest
  @ValueSource(strings = {"web-1", "i-0abc", "a=b", "'quoted'", "'", "it's", "", " =x"})
  void ordinaryCellsAreLeftAlone(String cell) {
    assertThat(SpreadsheetSafe.escape(cell)).isEqualTo(cell);
    assertThat(SpreadsheetSafe.unescape(cell)).isEqualTo(cell);
  }

  @Test
  void unescapeKeepsAQuoteThatDoesNotGuardAFormula() {
    assertThat(SpreadsheetSafe.unescape("'hello")).isEqualTo("'hello");
    assertThat(SpreadsheetSafe.unescape("''=x")).isEqualTo("''=x");
  }

  @Test
  void nullStaysNull() {
    assertThat(SpreadsheetSafe.escape(null)).isNull();
    assertThat(SpreadsheetSafe.unescape(null)).isNull();
  }
}
