package dev.ec2migrator.cloudformation;

import dev.ec2migrator.input.Identifier;
import java.util.regex.Pattern;

/** Formats of the non-id cells the template relies on; a mismatch names the line and column. */
public enum CellFormat {
  // becomes part of the output file names and the stack names
  RUN_ID(Identifier.RUN_ID),
  REGION(Identifier.REGION),
  // also local and wavelength zones such as us-west-2-lax-1a
  AVAILABILITY_ZONE("[a-z]{2}(-[a-z0-9]+)+", "an availability zone like us-east-1a"),
  // EC2 tag values hold at most 256 Unicode characters
  TAG_VALUE("(?s).{0,256}", "a tag value (at most 256 characters)"),
  // spreadsheets save booleans as TRUE/FALSE when an operator edits the CSV
  BOOLEAN("(?i)true|false", "true or false"),
  STATUS("MIGRATED|FAILED", "MIGRATED or FAILED"),
  POSITIVE_INTEGER("[1-9][0-9]{0,8}", "a positive whole number"),
  INSTANCE_TYPE("[a-z0-9-]+\\.[a-z0-9-]+", "an instance type like m5.large"),
  VOLUME_TYPE("standard|io1|io2|gp2|gp3|sc1|st1", "an EBS volume type"),
  DEVICE("(/dev/)?[a-z0-9]+", "a device name like /dev/sdf or xvdf"),
  IPV4(
      "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])",
      "an IPv4 address");

  private final Pattern pattern;
  private final String expected;

  CellFormat(String regex, String expected) {
    this.pattern = Pattern.compile(regex);
    this.expected = expected;
  }

  CellFormat(Identifier identifier) {
    this(identifier.pattern(), identifier.expected());
  }

  public String check(ResultRow row, ResultColumn column) {
    String value = row.get(column);
    if (!pattern.matcher(value).matches()) {
      throw new InvalidResultsCsvException(
          row.line(), column.header() + " " + YamlString.quote(value) + " is not " + expected);
    }
    return value;
  }

  public boolean matches(String value) {
    return pattern.matcher(value).matches();
  }

  public String expected() {
    return expected;
  }

  /** Empty cells are allowed (the value is optional); anything else must match. */
  public String checkOptional(ResultRow row, ResultColumn column) {
    return row.isBlank(column) ? null : check(row, column);
  }
}
