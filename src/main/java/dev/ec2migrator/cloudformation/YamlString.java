package dev.ec2migrator.cloudformation;

/**
 * Text from the CSV on its way into the template. The template only ever prints it through {@link
 * #toString()}, which is the one escaping function: a YAML double-quoted scalar, so no tag text can
 * start a comment, a key, an alias, a tag or a new document, and FreeMarker never sees it as code
 * (it prints values, it does not parse them). It also defuses CloudFormation's dynamic references:
 * CloudFormation resolves {@code {{resolve:ssm:...}}} or {@code {{resolve:secretsmanager:...}}} in
 * any string value, so a tag could pull a secret into another tag; every {@code {{} in a value is
 * printed as {@code { {} (a space between the braces), which CloudFormation leaves as text.
 */
public record YamlString(String value) {

  public static YamlString of(String value) {
    return new YamlString(value);
  }

  @Override
  public String toString() {
    return quote(value);
  }

  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            c -> {
              if (c == '{' && out.charAt(out.length() - 1) == '{') {
                out.append(' ');
              }
              appendEscaped(out, c);
            });
    return out.append('"').toString();
  }

  private static void appendEscaped(StringBuilder out, int c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        if (isPrintableInEveryYamlVersion(c)) {
          out.appendCodePoint(c);
        } else if (c <= 0xFFFF) {
          out.append(String.format("\\u%04X", c));
        } else {
          out.append(String.format("\\U%08X", c));
        }
      }
    }
  }

  /**
   * YAML's printable set, minus what YAML 1.1 parsers (CloudFormation's among them) fold as a line
   * break (NEL, LS, PS) and the byte order mark; everything else goes out as a \\u escape.
   */
  private static boolean isPrintableInEveryYamlVersion(int c) {
    return (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
