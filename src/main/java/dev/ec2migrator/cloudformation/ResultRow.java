package dev.ec2migrator.cloudformation;

import java.util.Map;

/**
 * One volume's row of the results CSV, cells as written (spreadsheet guard removed), with the line
 * of the file it starts on so that errors can point the operator at it.
 */
public record ResultRow(long line, Map<String, String> cells) {

  public String get(ResultColumn column) {
    return cells.get(column.header());
  }

  public boolean isBlank(ResultColumn column) {
    return get(column).isBlank();
  }
}
