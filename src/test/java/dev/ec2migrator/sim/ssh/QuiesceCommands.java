package dev.ec2migrator.sim.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the freeze and thaw command lines exactly as the migrator sends them. */
final class QuiesceCommands {

  private QuiesceCommands() {}

  static String freeze(
      String token, int deadManSeconds, List<String> mountPoints, boolean fsfreeze) {
    String marker = marker(token);
    List<String> reversed = new ArrayList<>(mountPoints);
    java.util.Collections.reverse(reversed);
    String deadMan =
        "sleep "
            + deadManSeconds
            + "; rm "
            + marker
            + " 2>/dev/null || exit 0; "
            + reversed.stream().map(mp -> release(mp, fsfreeze)).collect(Collectors.joining("; "));
    return "touch "
        + marker
        + " && (setsid sh -c "
        + quote(deadMan)
        + " </dev/null >/dev/null 2>&1 &) && "
        + mountPoints.stream().map(mp -> hold(mp, fsfreeze)).collect(Collectors.joining(" && "));
  }

  static String thaw(String token, List<String> mountPoints, boolean fsfreeze) {
    List<String> reversed = new ArrayList<>(mountPoints);
    java.util.Collections.reverse(reversed);
    return "rm -f "
        + marker(token)
        + "; "
        + reversed.stream().map(mp -> release(mp, fsfreeze)).collect(Collectors.joining("; "));
  }

  static String marker(String token) {
    return "/dev/shm/ec2-migrator." + token;
  }

  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String hold(String mountPoint, boolean fsfreeze) {
    return fsfreeze
        ? "sudo -n fsfreeze -f " + quote(mountPoint)
        : "sudo -n mount -o remount,ro " + quote(mountPoint);
  }

  private static String release(String mountPoint, boolean fsfreeze) {
    return fsfreeze
        ? "sudo -n fsfreeze -u " + quote(mountPoint)
        : "sudo -n mount -o remount,rw " + quote(mountPoint);
  }
}
