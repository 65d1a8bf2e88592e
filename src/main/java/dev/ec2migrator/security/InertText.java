package dev.ec2migrator.security;

/**
 * Makes a text inert for a terminal or a log: every character that can start a new line, move the
 * cursor, recolour or reorder what is shown is written as an escape instead. CR, LF and TAB become
 * {@code \r}, {@code \n}, {@code \t}; the other C0 controls, DEL, the C1 controls (ESC sequences,
 * NEL), LINE and PARAGRAPH SEPARATOR and the bidirectional overrides become {@code \}{@code uXXXX}.
 * A value from a list, a tag or a remote host printed through this can never forge a line of its
 * own.
 */
public final class InertText {
  private InertText() {}

  /** The text with every such character escaped; the same instance when there is none. */
  public static String escape(CharSequence text) {
    if (text == null) {
      return "null";
    }
    int first = firstToEscape(text);
    if (first < 0) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      append(out, text.charAt(i));
    }
    return out.toString();
  }

  /** Appends {@code text} escaped to {@code out}. */
  public static void escapeTo(CharSequence text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      append(out, text.charAt(i));
    }
  }

  static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static int firstToEscape(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (needsEscape(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void append(StringBuilder out, char c) {
    if (!needsEscape(c)) {
      out.append(c);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\r') {
      out.append("\\r");
    } else if (c == '\t') {
      out.append("\\t");
    } else {
      out.append(String.format("\\u%04X", (int) c));
    }
  }
}
