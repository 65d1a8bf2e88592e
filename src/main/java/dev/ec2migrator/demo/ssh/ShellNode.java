package dev.ec2migrator.demo.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** The parsed form of a command line. */
sealed interface ShellNode {

  /**
   * {@code words} after quote removal, e.g. {@code [sudo, -n, mount, -o, remount,ro, /]}, with
   * {@link ShellWord} markers where parameters are expanded when the command runs.
   */
  record SimpleCommand(List<String> words, List<Redirect> redirects) implements ShellNode {

    /** The words re-quoted where needed, for event details. */
    String text() {
      return words.stream()
          .map(ShellWord::literal)
          .map(w -> w.isEmpty() || w.matches(".*[\\s;&|()<>'\"\\\\].*") ? quote(w) : w)
          .collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
      return "'" + word.replace("'", "'\\''") + "'";
    }
  }

  /** {@code ( body )}: runs in a copy of the shell; {@code exit} inside ends only the copy. */
  record Subshell(Sequence body, List<Redirect> redirects) implements ShellNode {}

  /** {@code { body; }} with its redirections. */
  record Group(Sequence body, List<Redirect> redirects) implements ShellNode {}

  /** {@code left && right} or {@code left || right}. */
  record Conditional(ShellNode left, boolean andIf, ShellNode right) implements ShellNode {}

  /** {@code if cond; then body; [elif ...;] [else otherwise;] fi}; elif is a nested If. */
  record If(Sequence condition, Sequence body, ShellNode otherwise, List<Redirect> redirects)
      implements ShellNode {}

  /** {@code while cond; do body; done}. */
  record While(Sequence condition, Sequence body, List<Redirect> redirects) implements ShellNode {}

  /** {@code case subject in pattern|pattern) body ;; ... esac}. */
  record Case(String subject, List<CaseItem> items, List<Redirect> redirects)
      implements ShellNode {}

  /** One {@code pattern) body ;;} of a case. */
  record CaseItem(List<String> patterns, Sequence body) {}

  /** {@code name() compound-command}. */
  record FunctionDefinition(String name, ShellNode body) implements ShellNode {}

  /** Jobs separated by {@code ;}, {@code &} or newlines. */
  record Sequence(List<Job> jobs) implements ShellNode {}

  /** One element of a sequence; a background job ({@code &}) runs asynchronously. */
  record Job(ShellNode node, boolean background) {}

  /** {@code fd op target}, e.g. {@code 2>&1} is {@code (2, ">&", "1")}. */
  record Redirect(int fd, String op, String target) {}

  /** The redirections of a node that can have them; none for the others. */
  static List<Redirect> redirects(ShellNode node) {
    if (node instanceof SimpleCommand command) {
      return command.redirects();
    } else if (node instanceof Subshell subshell) {
      return subshell.redirects();
    } else if (node instanceof Group group) {
      return group.redirects();
    } else if (node instanceof If conditional) {
      return conditional.redirects();
    } else if (node instanceof While loop) {
      return loop.redirects();
    } else if (node instanceof Case choice) {
      return choice.redirects();
    }
    return List.of();
  }
}
