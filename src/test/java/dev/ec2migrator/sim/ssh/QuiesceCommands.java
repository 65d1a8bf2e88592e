package dev.ec2migrator.sim.ssh;

import java.util.List;

/** The migrator's own freeze and thaw lines, in the shape these simulator tests call them. */
final class QuiesceCommands {

  private QuiesceCommands() {}

  static String freeze(
      String token, int deadManSeconds, List<String> mountPoints, boolean fsfreeze) {
    return commands(deadManSeconds, fsfreeze).freeze(mountPoints, token);
  }

  static String thaw(String token, List<String> mountPoints, boolean fsfreeze) {
    return commands(300, fsfreeze).thaw(mountPoints, token);
  }

  static String marker(String token) {
    return dev.ec2migrator.quiesce.QuiesceCommands.marker(token);
  }

  static String quote(String word) {
    return dev.ec2migrator.quiesce.ShellQuote.quote(word);
  }

  private static dev.ec2migrator.quiesce.QuiesceCommands commands(int deadMan, boolean fsfreeze) {
    return fsfreeze
        ? new dev.ec2migrator.quiesce.QuiesceCommands(
            "sudo -n fsfreeze -f {mp}", "sudo -n fsfreeze -u {mp}", deadMan)
        : new dev.ec2migrator.quiesce.QuiesceCommands(
            "sudo -n mount -o remount,ro {mp}", "sudo -n mount -o remount,rw {mp}", deadMan);
  }
}
