package dev.ec2migrator.preflight;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commands {@code sudo -n -l} says the login user may run as root: the lines after "User ...
 * may run the following commands", each {@code (runas) TAGS: cmd, cmd}. Commands are compared with
 * sudoers' escapes taken off, so {@code remount\,ro} and {@code remount,ro} are the same.
 */
final class SudoListing {
  private static final Pattern HEADING =
      Pattern.compile("User \\S+ may run the following commands");
  private static final Pattern TAGS = Pattern.compile("^(?:[A-Z_]+:\\s*)+");
  private static final Pattern BETWEEN_COMMANDS = Pattern.compile("(?<!\\\\),\\s+");

  private final Set<String> commands = new HashSet<>();
  private boolean everything;

  SudoListing(String output) {
    boolean inCommands = false;
    for (String line : output.split("\n")) {
      if (HEADING.matcher(line).find()) {
        inCommands = true;
        continue;
      }
      String entry = line.strip();
      if (!inCommands || entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("(")) {
        int close = entry.indexOf(')');
        String runAs = close < 0 ? "" : entry.substring(1, close).split(":")[0].strip();
        if (!runAs.equals("root") && !runAs.equals("ALL")) {
          continue;
        }
        entry = entry.substring(close + 1).strip();
      }
      for (String command : BETWEEN_COMMANDS.split(entry)) {
        String plain = normalized(TAGS.matcher(command.strip()).replaceFirst(""));
        if (plain.equals("ALL")) {
          everything = true;
        }
        commands.add(plain);
      }
    }
  }

  /** True when one of the command's forms (by path, as SudoersRules writes them) is listed. */
  boolean allowsAny(List<String> forms) {
    return everything || forms.stream().map(SudoListing::normalized).anyMatch(commands::contains);
  }

  /** True when the user may run anything as root ({@code ALL}): more than the host needs. */
  boolean allowsEverything() {
    return everything;
  }

  private static String normalized(String command) {
    return command.replaceAll("\\\\(.)", "$1").strip().replaceAll("\\s+", " ");
  }
}
