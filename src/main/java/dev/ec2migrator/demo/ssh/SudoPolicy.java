package dev.ec2migrator.demo.ssh;

import java.util.List;
import java.util.Set;

/**
 * The least-privilege sudoers rule of the simulated hosts: exactly {@code mount -o remount,ro|rw
 * <mp>} and {@code fsfreeze -f|-u <mp>}, non-interactively ({@code sudo -n}).
 */
final class SudoPolicy {

  static final String REFUSAL = "sudo: a password is required";

  private static final Set<String> REMOUNT_OPTIONS = Set.of("remount,ro", "remount,rw");
  private static final Set<String> FREEZE_FLAGS = Set.of("-f", "-u");

  private SudoPolicy() {}

  /**
   * What {@code sudo -n -l} prints for the rule on this host: the quiesce commands on its own mount
   * points (fsfreeze only where installed), written as sudoers escapes them.
   */
  static String listing(SimHost host) {
    List<String> commands = new java.util.ArrayList<>();
    for (String mountPoint : host.mountPoints()) {
      commands.add("/usr/bin/mount -o remount\\,ro " + mountPoint);
      commands.add("/usr/bin/mount -o remount\\,rw " + mountPoint);
      if (host.hasFsfreeze()) {
        commands.add("/usr/sbin/fsfreeze -f " + mountPoint);
        commands.add("/usr/sbin/fsfreeze -u " + mountPoint);
      }
    }
    String user = host.name();
    return "Matching Defaults entries for "
        + user
        + " on "
        + user
        + ":\n    !requiretty\n\nUser "
        + user
        + " may run the following commands on "
        + user
        + ":\n    (root) NOPASSWD: "
        + String.join(", ", commands)
        + "\n";
  }

  /** The command after {@code sudo -n} if the rule allows it, else null. */
  static List<String> allowedCommand(List<String> sudoWords) {
    if (sudoWords.size() < 2 || !sudoWords.get(1).equals("-n")) {
      return null;
    }
    List<String> command = sudoWords.subList(2, sudoWords.size());
    boolean remount =
        command.size() == 4
            && command.get(0).equals("mount")
            && command.get(1).equals("-o")
            && REMOUNT_OPTIONS.contains(command.get(2));
    boolean freeze =
        command.size() == 3
            && command.get(0).equals("fsfreeze")
            && FREEZE_FLAGS.contains(command.get(1));
    return remount || freeze ? command : null;
  }
}
