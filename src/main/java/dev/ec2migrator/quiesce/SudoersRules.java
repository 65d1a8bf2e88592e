package dev.ec2migrator.quiesce;

import dev.ec2migrator.input.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exact sudo rules for exactly the commands the quiesce runs on a host: each configured template
 * ({@code sudo -n <command> <args with {mp}>}) once per mount point, the command by its absolute
 * path and every argument escaped, so that no other argument, option or mount point is allowed. No
 * wildcard anywhere: sudo's {@code *} also matches spaces, so {@code mount -o remount\,ro *} would
 * allow {@code -o remount,rw,exec,suid,dev /tmp}, {@code -T <fstab>} or {@code -N <namespace>}
 * after the mount point, and {@code fsfreeze -f *} any file system.
 */
public class SudoersRules {
  /**
   * Where distributions keep the commands: merged /usr (Debian 12, Ubuntu, Amazon Linux 2 and 2023,
   * RHEL 7+) and split root (RHEL/OEL 5 and 6). Both forms go into the rule: sudo matches the path
   * the host resolves, and on a merged /usr both are the same file.
   */
  static final Map<String, List<String>> PATHS =
      Map.of(
          "mount", List.of("/usr/bin/mount", "/bin/mount"),
          "fsfreeze", List.of("/usr/sbin/fsfreeze", "/sbin/fsfreeze"));

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  private final List<Template> templates;

  /**
   * @param templates the freeze and thaw command templates of the quiesce modes in use
   */
  public SudoersRules(List<String> templates) {
    this.templates = templates.stream().map(SudoersRules::parse).toList();
  }

  /** The sudoers lines that let {@code user} run the quiesce commands on these mount points. */
  public List<String> lines(String user, List<String> mountPoints) {
    if (!Identifier.SSH_USER.matches(user)) {
      throw new IllegalArgumentException("'" + user + "' is not a user name sudo rules can name");
    }
    Set<String> commands = new LinkedHashSet<>();
    commands(mountPoints).forEach(commands::addAll);
    List<String> lines = new ArrayList<>();
    if (commands.isEmpty()) {
      return lines;
    }
    // the migrator runs sudo over a non-interactive ssh session: no tty, no password
    lines.add("Defaults:" + user + " !requiretty");
    lines.add(user + " ALL=(root) NOPASSWD: " + String.join(", ", commands));
    return lines;
  }

  /**
   * Each command the quiesce runs on these mount points, as the sudo rule names it: one entry per
   * command, holding its forms by path (a host needs one of them).
   */
  public List<List<String>> commands(List<String> mountPoints) {
    List<List<String>> commands = new ArrayList<>();
    for (String mountPoint : mountPoints) {
      checkMountPoint(mountPoint);
      for (Template template : templates) {
        StringBuilder args = new StringBuilder();
        for (String arg : template.args()) {
          args.append(' ').append(escape(arg.replace("{mp}", mountPoint)));
        }
        commands.add(template.paths().stream().map(path -> path + args).toList());
      }
    }
    return commands;
  }

  /**
   * An argument as sudoers reads it literally: a backslash makes sudo compare arguments as glob
   * patterns, so a literal backslash takes four; {@code , : = # space} end or split a word.
   */
  static String escape(String arg) {
    StringBuilder out = new StringBuilder();
    for (char c : arg.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\\\\\");
        case ',', ':', '=', '#', ' ' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void checkMountPoint(String mountPoint) {
    if (!mountPoint.startsWith("/")) {
      throw new IllegalArgumentException("mount point '" + mountPoint + "' is not absolute");
    }
    for (char c : mountPoint.toCharArray()) {
      if (c < 0x20 || c == 0x7f || "*?[]\"'".indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "mount point '"
                + mountPoint
                + "' has a character ("
                + (c < 0x20 || c == 0x7f ? "a control character" : String.valueOf(c))
                + ") that no exact sudo rule can name");
      }
    }
  }

  private record Template(List<String> paths, List<String> args) {}

  /** {@code sudo -n <command> <args>}: the command resolved, the arguments kept as words. */
  private static Template parse(String template) {
    List<String> words = List.of(template.strip().split("\\s+"));
    if (words.size() < 3 || !words.get(0).equals("sudo") || !words.get(1).equals("-n")) {
      throw new IllegalArgumentException(
          "quiesce command '"
              + template
              + "' does not start with 'sudo -n <command>': no sudo rule can be written for it");
    }
    Matcher placeholder = PLACEHOLDER.matcher(template);
    while (placeholder.find()) {
      if (!placeholder.group(1).equals("mp")) {
        throw new IllegalArgumentException(
            "quiesce command '"
                + template
                + "' has the placeholder {"
                + placeholder.group(1)
                + "}: an exact sudo rule can only fill in {mp}");
      }
    }
    String command = words.get(2);
    List<String> paths = command.startsWith("/") ? List.of(command) : PATHS.get(command);
    if (paths == null) {
      throw new IllegalArgumentException(
          "quiesce command '"
              + template
              + "': write "
              + command
              + " with its absolute path, so the sudo rule names the program itself");
    }
    return new Template(paths, words.subList(3, words.size()));
  }
}
