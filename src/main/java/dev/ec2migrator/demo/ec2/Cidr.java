package dev.ec2migrator.demo.ec2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block such as 10.0.16.0/20 (host bits must be zero, as EC2 requires). */
record Cidr(long base, int prefix) {
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  /**
   * @throws Ec2Exception {@code errorCode} if the text is not an IPv4 CIDR block
   */
  static Cidr parse(String text, String errorCode) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      throw new Ec2Exception(errorCode, "The CIDR '" + text + "' is invalid.");
    }
    long base = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        throw new Ec2Exception(errorCode, "The CIDR '" + text + "' is invalid.");
      }
      base = base << 8 | octet;
    }
    int prefix = Integer.parseInt(m.group(5));
    Cidr cidr = new Cidr(base, prefix);
    if (prefix > 32 || (base & ~cidr.mask()) != 0) {
      throw new Ec2Exception(errorCode, "The CIDR '" + text + "' is invalid.");
    }
    return cidr;
  }

  long mask() {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  long size() {
    return 1L << (32 - prefix);
  }

  boolean contains(Cidr other) {
    return other.prefix >= prefix && (other.base & mask()) == base;
  }

  boolean contains(String ip) {
    return contains(parse(ip + "/32", "InvalidParameterValue"));
  }

  boolean overlaps(Cidr other) {
    return contains(other) || other.contains(this);
  }

  /** The address {@code offset} hosts into the block. */
  String host(long offset) {
    long a = base + offset;
    return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
  }

  @Override
  public String toString() {
    return host(0) + "/" + prefix;
  }
}
