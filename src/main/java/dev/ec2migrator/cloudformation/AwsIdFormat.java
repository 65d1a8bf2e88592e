package dev.ec2migrator.cloudformation;

import dev.ec2migrator.input.Identifier;

/**
 * The EC2 id cells of a results CSV. Ids become parts of logical names, which CloudFormation allows
 * to be alphanumeric only, so they are checked strictly against their {@link Identifier} format.
 */
public enum AwsIdFormat {
  INSTANCE(Identifier.INSTANCE_ID),
  SUBNET(Identifier.SUBNET_ID),
  VOLUME(Identifier.VOLUME_ID),
  SNAPSHOT(Identifier.SNAPSHOT_ID),
  IMAGE(Identifier.IMAGE_ID);

  private final Identifier format;

  AwsIdFormat(Identifier format) {
    this.format = format;
  }

  /** Returns the cell's id, or fails naming the line, the column and the expected format. */
  public String check(ResultRow row, ResultColumn column) {
    String id = row.get(column);
    if (!format.matches(id)) {
      throw new InvalidResultsCsvException(
          row.line(),
          column.header()
              + " "
              + YamlString.quote(id)
              + " is not a "
              + name().toLowerCase(java.util.Locale.ROOT)
              + " id ("
              + format.expected()
              + ")");
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
