package dev.ec2migrator.output;

/**
 * Guards CSV cells against spreadsheet formula injection. A spreadsheet evaluates a cell that
 * starts with {@code = + - @} (or their fullwidth and small forms {@code ＝ ＋ － ＠ ﹦ ﹢ ﹣}), also
 * after leading blanks or control characters, and a cell that starts with TAB or CR. A reader that
 * splits on another separator (a semicolon locale, tab-separated, line by line) starts a new cell
 * after {@code , ; TAB CR LF}, so the same holds after each of those inside a cell. Each such place
 * gets a {@code '}, which spreadsheets treat as "text" and do not show; RFC 4180 quoting is the CSV
 * writer's job and stays. {@link #unescape} removes exactly the quotes {@link #escape} added: a
 * quote already there before a formula start gets one more, so every value comes back.
 */
public final class SpreadsheetSafe {
  private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63";
  private static final String STARTS_ON_THEIR_OWN = "\t\r";
  private static final String SEPARATORS = ",;\t\r\n";

  private SpreadsheetSafe() {}

  public static String escape(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    StringBuilder out = new StringBuilder(cell.length() + 1);
    for (int i = 0; i < cell.length(); i++) {
      if (cellStarts(cell, i) && formulaAt(cell, i)) {
        out.append('\'');
      }
      out.append(cell.charAt(i));
    }
    return out.toString();
  }

  /** Drops a {@code '} only where {@link #escape} added it, so other quotes survive. */
  public static String unescape(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    StringBuilder out = new StringBuilder(cell.length());
    for (int i = 0; i < cell.length(); i++) {
      boolean added =
          cellStarts(cell, i)
              && cell.charAt(i) == '\''
              && i + 1 < cell.length()
              && formulaAt(cell, i + 1);
      if (!added) {
        out.append(cell.charAt(i));
      }
    }
    return out.toString();
  }

  /** Where a spreadsheet may see a cell begin: the start, or just after a separator. */
  private static boolean cellStarts(String cell, int index) {
    return index == 0 || SEPARATORS.indexOf(cell.charAt(index - 1)) >= 0;
  }

  /** Quotes, then TAB or CR; or quotes, blanks and control characters, then a formula start. */
  private static boolean formulaAt(String cell, int index) {
    int i = index;
    while (i < cell.length() && cell.charAt(i) == '\'') {
      i++;
    }
    if (i < cell.length() && STARTS_ON_THEIR_OWN.indexOf(cell.charAt(i)) >= 0) {
      return true;
    }
    while (i < cell.length() && blank(cell.charAt(i))) {
      i++;
    }
    return i < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(i)) >= 0;
  }

  /** A blank or control character within one cell (a separator ends the cell's scan). */
  private static boolean blank(char c) {
    return (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c))
        && SEPARATORS.indexOf(c) < 0;
  }
}
