package dev.ec2migrator.output;

/**
 * Guards CSV cells against spreadsheet formula injection: a cell that a spreadsheet would evaluate
 * (it starts with {@code = + - @}, TAB or CR) is written with a leading {@code '}, which
 * spreadsheets treat as "text" and do not show. The CSV writer escapes, every CSV reader unescapes.
 */
public final class SpreadsheetSafe {
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private SpreadsheetSafe() {}

  public static String escape(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    return startsFormula(cell, 0) ? "'" + cell : cell;
  }

  /** Drops a leading {@code '} only where {@link #escape} added it, so other quotes survive. */
  public static String unescape(String cell) {
    if (cell == null || cell.length() < 2 || cell.charAt(0) != '\'') {
      return cell;
    }
    return startsFormula(cell, 1) ? cell.substring(1) : cell;
  }

  private static boolean startsFormula(String cell, int index) {
    return FORMULA_STARTS.indexOf(cell.charAt(index)) >= 0;
  }
}
