package dev.ec2migrator.sim.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** The parsed form of a command line. */
sealed interface ShellNode {

  /** {@code words} after quote removal, e.g. {@code [sudo, -n, mount, -o, remount,ro, /]}. */
  record SimpleCommand(List<String> words, List<Redirect> redirects) implements ShellNode {

    /** The words re-quoted where needed, for event details. */
    String text() {
      return words.stream()
          .map(w -> w.isEmpty() || w.matches(".*[\\s;&|()<>'\"\\\\].*") ? quote(w) : w)
          .collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
      return "'" + word.replace("'", "'\\''") + "'";
    }
  }

  /** {@code ( body )}: {@code exit} inside ends only the subshell. */
  record Subshell(Sequence body, List<Redirect> redirects) implements ShellNode {}

  /** {@code left && right} or {@code left || right}. */
  record Conditional(ShellNode left, boolean andIf, ShellNode right) implements ShellNode {}

  /** Jobs separated by {@code ;}, {@code &} or newlines. */
  record Sequence(List<Job> jobs) implements ShellNode {}

  /** One element of a sequence; a background job ({@code &}) runs asynchronously. */
  record Job(ShellNode node, boolean background) {}

  /** {@code fd op target}, e.g. {@code 2>&1} is {@code (2, ">&", "1")}. */
  record Redirect(int fd, String op, String target) {}
}
