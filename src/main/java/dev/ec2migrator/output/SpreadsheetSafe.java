package dev.ec2migrator.output;

/**
 * Keeps a CSV cell from starting a spreadsheet formula: a cell that starts with '=', '+', '-', '@',
 * TAB or CR gets a leading quote; {@link #unescape} takes it off again when the CSV is read back.
 */
public final class SpreadsheetSafe {
  private SpreadsheetSafe() {}

  public static String escape(String cell) {
    return cell != null && !cell.isEmpty() && risky(cell.charAt(0)) ? "'" + cell : cell;
  }

  public static String unescape(String cell) {
    return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && risky(cell.charAt(1))
        ? cell.substring(1)
        : cell;
  }

  private static boolean risky(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }
}
