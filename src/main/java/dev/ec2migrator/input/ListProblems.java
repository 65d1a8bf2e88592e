package dev.ec2migrator.input;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one instance list, each naming its line. A report lists at most {@value
 * #MAX_PROBLEMS} of them, and it quotes a value only as far as it is plausibly list data.
 */
final class ListProblems {
  static final int MAX_PROBLEMS = 20;
  // lengths are checked before any pattern or CSV parser sees a line: a line holds 8 short values
  static final int MAX_LINE_CHARS = 8192;
  // a value is quoted in a report only up to this length: every valid value (ids, regions, user
  // names, short hosts and paths) fits, a secret key (40) or a session token does not
  static final int MAX_QUOTED_CHARS = 32;

  private final List<String> problems = new ArrayList<>();

  void add(int line, String problem) {
    problems.add("line " + line + ": " + problem);
  }

  /** A problem of the whole list, not of one line. */
  void add(String problem) {
    problems.add(problem);
  }

  /** Enough problems for a report: reading on would only add to the "more" count. */
  boolean full() {
    return problems.size() >= MAX_PROBLEMS;
  }

  int count() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** True (and noted) when the raw line is over the length limit. */
  boolean lineTooLong(String raw, int line) {
    if (raw.length() <= MAX_LINE_CHARS) {
      return false;
    }
    add(line, raw.length() + " characters, over the limit of " + MAX_LINE_CHARS + " per line");
    return true;
  }

  /** The problems as reported: the first {@value #MAX_PROBLEMS}, then how many more. */
  List<String> reported() {
    if (problems.size() <= MAX_PROBLEMS) {
      return List.copyOf(problems);
    }
    List<String> capped = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    capped.add("... and " + (problems.size() - MAX_PROBLEMS) + " more problems");
    return capped;
  }

  /**
   * A value as a report may show it: quoted with control characters escaped, or only its length
   * when it is longer than any valid value (what is not plausibly list data is never echoed).
   */
  static String quote(String value) {
    if (value.length() > MAX_QUOTED_CHARS) {
      return "(" + value.length() + " characters, not shown)";
    }
    StringBuilder out = new StringBuilder("'");
    value
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('\'').toString();
  }
}
