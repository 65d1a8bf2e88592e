package dev.ec2migrator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetSafeTest {

  @ParameterizedTest
  @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "="})
  void formulaLikeCellsGetALeadingQuoteAndComeBackUnchanged(String cell) {
    String escaped = SpreadsheetSafe.escape(cell);

    assertThat(escaped).isEqualTo("'" + cell);
    assertThat(SpreadsheetSafe.unescape(escaped)).isEqualTo(cell);
  }

  static List<String> formulasAfterBlanksOrInOtherForms() {
    return List.of(
        " =HYPERLINK(1)", // a leading space
        "  \u000b=1", // spaces and a vertical tab
        "\u00a0=1", // a no-break space
        "\u3000+1", // an ideographic space
        "\u0001@x", // a control character
        "\uFF1DSUM(A1)", // fullwidth =
        "\uFF0B1", // fullwidth +
        "\uFF0D1", // fullwidth -
        "\uFF20SUM(A1)", // fullwidth @
        "\uFE66cmd", // small =
        "'=x"); // a quote already there gets one more, so it survives the round trip
  }

  @ParameterizedTest
  @MethodSource("formulasAfterBlanksOrInOtherForms")
  void aFormulaStartAfterBlanksOrInAnotherFormGetsTheQuote(String cell) {
    assertThat(SpreadsheetSafe.escape(cell)).isEqualTo("'" + cell);
    assertThat(SpreadsheetSafe.unescape("'" + cell)).isEqualTo(cell);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "web;=cmd()|web;'=cmd()",
        "a; +1|a;' +1",
        "a,@x|a,'@x",
        "x\t-1|x\t'-1",
        "=a;=b|'=a;'=b",
      })
  void aFormulaStartAfterAnotherLocalesSeparatorIsGuardedToo(String cell, String expected) {
    assertThat(SpreadsheetSafe.escape(cell)).isEqualTo(expected);
    assertThat(SpreadsheetSafe.unescape(expected)).isEqualTo(cell);
  }

  @Test
  void aFormulaStartOnTheNextLineOfACellIsGuarded() {
    assertThat(SpreadsheetSafe.escape("line1\n=2")).isEqualTo("line1\n'=2");
    assertThat(SpreadsheetSafe.unescape("line1\n'=2")).isEqualTo("line1\n=2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"web-1", "i-0abc", "a=b", "'quoted'", "'", "it's", "", "x -1", "a;b"})
  void ordinaryCellsAreLeftAlone(String cell) {
    assertThat(SpreadsheetSafe.escape(cell)).isEqualTo(cell);
    assertThat(SpreadsheetSafe.unescape(cell)).isEqualTo(cell);
  }

  @Test
  void aQuoteAlreadyBeforeAFormulaGetsOneMoreSoItSurvives() {
    assertThat(SpreadsheetSafe.escape("'=x")).isEqualTo("''=x");
    assertThat(SpreadsheetSafe.unescape("''=x")).isEqualTo("'=x");
    assertThat(SpreadsheetSafe.unescape("'hello")).isEqualTo("'hello");
  }

  @Test
  void everyValueComesBackAndNoCellStartsAFormula() {
    String alphabet = "ab1 '=+-@\t\r\n,;\u00a0\uFF1D\uFF0B\u0001";
    Random random = new Random(11);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder cell = new StringBuilder();
      for (int i = random.nextInt(8); i >= 0; i--) {
        cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = cell.toString();
      String escaped = SpreadsheetSafe.escape(value);
      assertThat(SpreadsheetSafe.unescape(escaped)).as("%s", value).isEqualTo(value);
      for (String part : escaped.split("[,;\t\r\n]", -1)) {
        String shown = part.stripLeading();
        assertThat(shown.isEmpty() || "=+-@\uFF1D\uFF0B".indexOf(shown.charAt(0)) < 0)
            .as("a cell of %s starts a formula: %s", value, escaped)
            .isTrue();
      }
    }
  }

  @Test
  void nullStaysNull() {
    assertThat(SpreadsheetSafe.escape(null)).isNull();
    assertThat(SpreadsheetSafe.unescape(null)).isNull();
  }
}
