package dev.ec2migrator.demo.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A word after quote removal, with its parameter expansions and unquoted pattern characters kept as
 * markers (the lexer knows what was quoted; expansion happens only when the command runs).
 * Expansion follows sh with the default IFS, without pathname expansion: an unquoted expansion that
 * is the whole word splits into fields at blanks (and an empty one into no field at all).
 */
final class ShellWord {
  static final char UNQUOTED_PARAMETER = '\u0000';
  static final char QUOTED_PARAMETER = '\u0002';
  static final char PARAMETER_END = '\u0001';
  static final char ANY_STRING = '\u0003';
  static final char ANY_CHAR = '\u0004';

  private ShellWord() {}

  /** The fields of {@code word} with parameters looked up by {@code value}. */
  static List<String> fields(String word, UnaryOperator<String> value) {
    if (!word.isEmpty()
        && word.charAt(0) == UNQUOTED_PARAMETER
        && word.indexOf(PARAMETER_END) == word.length() - 1) {
      String expanded = value.apply(word.substring(1, word.length() - 1));
      List<String> fields = new ArrayList<>();
      for (String field : expanded.strip().split("[ \t\n]+")) {
        if (!field.isEmpty()) {
          fields.add(field);
        }
      }
      return fields;
    }
    return List.of(literal(expand(word, value)));
  }

  /** The word as one string (assignments, case subjects, redirection targets). */
  static String single(String word, UnaryOperator<String> value) {
    return literal(expand(word, value));
  }

  /** True if {@code text} matches the case pattern {@code pattern} (expanded, markers kept). */
  static boolean matches(String pattern, String text) {
    return matches(pattern, 0, text, 0);
  }

  private static boolean matches(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == ANY_STRING) {
        for (int k = ti; k <= t.length(); k++) {
          if (matches(p, pi + 1, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (ti >= t.length() || (c != ANY_CHAR && c != t.charAt(ti))) {
        return false;
      }
      pi++;
      ti++;
    }
    return ti == t.length();
  }

  /** Expands parameters; pattern markers stay (for {@link #matches}). */
  static String expand(String word, UnaryOperator<String> value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < word.length()) {
      char c = word.charAt(i);
      if (c == UNQUOTED_PARAMETER || c == QUOTED_PARAMETER) {
        int end = word.indexOf(PARAMETER_END, i);
        out.append(value.apply(word.substring(i + 1, end)));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Pattern markers back to the characters they stand for. */
  static String literal(String expanded) {
    return expanded.replace(ANY_STRING, '*').replace(ANY_CHAR, '?');
  }
}
