package dev.ec2migrator.input;

import java.util.regex.Pattern;

/**
 * The formats of every identifier the migrator accepts from a list, a results CSV, a tag or the
 * command line: one definition each, checked before a value reaches a shell, a file name, a
 * template or an AWS call. Each pattern is anchored by {@code matches} and cannot backtrack
 * super-linearly.
 */
public enum Identifier {
  // EC2 ids: prefix, dash, 8 or 17 lowercase hex digits
  INSTANCE_ID(awsId("i"), "i- and 8 or 17 hex digits"),
  SUBNET_ID(awsId("subnet"), "subnet- and 8 or 17 hex digits"),
  VOLUME_ID(awsId("vol"), "vol- and 8 or 17 hex digits"),
  SNAPSHOT_ID(awsId("snap"), "snap- and 8 or 17 hex digits"),
  IMAGE_ID(awsId("ami"), "ami- and 8 or 17 hex digits"),
  // partition prefixes of GovCloud and the ISO regions; every region number is one digit
  REGION("[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]++-\\d", "a region like eu-west-1"),
  // a run id names the output files and the CloudFormation stacks (letters, digits and '-')
  RUN_ID("[A-Za-z0-9][A-Za-z0-9-]{0,63}", "letters, digits and '-', at most 64"),
  // a DNS name or an IPv4 address; never starts with '-' (it would read as an ssh option)
  SSH_HOST("[A-Za-z0-9][A-Za-z0-9.-]{0,252}", "a host name or IPv4 address"),
  // a portable Linux user name: lowercase first, at most 32 characters, no shell metacharacter
  SSH_USER("[a-z_][a-z0-9_.-]{0,31}", "a Linux user name"),
  // an absolute path of plain characters without empty or '..' segments; possessive loop
  MOUNT_POINT(
      "(?!.*//)(?!.*/\\.\\.(?:/|$))/[A-Za-z0-9._/-]*+",
      "an absolute path of letters, digits, '.', '_', '-' and '/'");

  private final Pattern pattern;
  private final String expected;

  Identifier(String regex, String expected) {
    this.pattern = Pattern.compile(regex);
    this.expected = expected;
  }

  private static String awsId(String prefix) {
    return prefix + "-(?:[0-9a-f]{8}|[0-9a-f]{17})";
  }

  /** The regular expression, for a format that reports its mismatches its own way. */
  public String pattern() {
    return pattern.pattern();
  }

  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  /** What a valid value looks like, for the message that refuses one. */
  public String expected() {
    return expected;
  }
}
