package dev.ec2migrator.cloudformation;

import java.util.regex.Pattern;

/**
 * The EC2 id formats (prefix, dash, 8 or 17 lowercase hex digits). Ids become parts of logical
 * names, which CloudFormation allows to be alphanumeric only, so they are checked strictly.
 */
public enum AwsIdFormat {
  INSTANCE("i"),
  SUBNET("subnet"),
  VOLUME("vol"),
  SNAPSHOT("snap"),
  IMAGE("ami");

  private final String prefix;
  private final Pattern pattern;

  AwsIdFormat(String prefix) {
    this.prefix = prefix;
    this.pattern = Pattern.compile(prefix + "-([0-9a-f]{8}|[0-9a-f]{17})");
  }

  /** Returns the cell's id, or fails naming the line, the column and the expected format. */
  public String check(ResultRow row, ResultColumn column) {
    String id = row.get(column);
    if (!pattern.matcher(id).matches()) {
      throw new InvalidResultsCsvException(
          row.line(),
          column.header()
              + " "
              + YamlString.quote(id)
              + " is not a "
              + name().toLowerCase(java.util.Locale.ROOT)
              + " id ("
              + prefix
              + "- and 8 or 17 lowercase hex digits)");
    }
    return id;
  }

  /** Empty cells are allowed (a failed row may not know the id); anything else must match. */
  public String checkOptional(ResultRow row, ResultColumn column) {
    return row.isBlank(column) ? null : check(row, column);
  }

  /** The id without its prefix: hex digits only, safe inside a logical name. */
  public static String hexPart(String id) {
    return id.substring(id.indexOf('-') + 1);
  }
}
