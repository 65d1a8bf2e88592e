package dev.ec2migrator.quiesce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the one command line that quiesces all mount points of a host and the one that releases
 * them, from the per-mount templates in config. The freeze line first arms a dead-man on the host:
 * a detached {@code sleep} that releases the mounts unless its marker file is gone by then. The
 * marker is per freeze (token), so a dead-man left from an earlier freeze can never release a later
 * one; it lives in /dev/shm, which stays writable when / is read-only; and the dead-man calls only
 * the same sudo commands the freeze does (least privilege).
 */
public class QuiesceCommands {
  private final String freezeTemplate;
  private final String thawTemplate;
  private final long deadManSeconds;

  public QuiesceCommands(String freezeTemplate, String thawTemplate, long deadManSeconds) {
    this.freezeTemplate = freezeTemplate;
    this.thawTemplate = thawTemplate;
    this.deadManSeconds = deadManSeconds;
  }

  public static String marker(String token) {
    if (!token.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("unsafe marker token " + token);
    }
    return "/dev/shm/ec2-migrator." + token;
  }

  /** Freezes in the listed order; the dead-man and the thaw release in reverse order. */
  public String freeze(List<String> mountPoints, String token) {
    String marker = marker(token);
    String deadMan =
        "sleep "
            + deadManSeconds
            + "; rm "
            + marker
            + " 2>/dev/null || exit 0; "
            + releaseAll(mountPoints);
    List<String> freezes = new ArrayList<>();
    for (String mp : mountPoints) {
      freezes.add(apply(freezeTemplate, mp));
    }
    return "touch "
        + marker
        + " && (setsid sh -c "
        + ShellQuote.quote(deadMan)
        + " </dev/null >/dev/null 2>&1 &) && "
        + String.join(" && ", freezes);
  }

  /** Always releases every mount, whatever the freeze managed; each release is idempotent. */
  public String thaw(List<String> mountPoints, String token) {
    return "rm -f " + marker(token) + "; " + releaseAll(mountPoints);
  }

  private String releaseAll(List<String> mountPoints) {
    List<String> reversed = new ArrayList<>(mountPoints);
    Collections.reverse(reversed);
    List<String> thaws = new ArrayList<>();
    for (String mp : reversed) {
      thaws.add(apply(thawTemplate, mp));
    }
    return String.join("; ", thaws);
  }

  private static String apply(String template, String mountPoint) {
    return template.replace("{mp}", ShellQuote.quote(mountPoint));
  }

  public long deadManSeconds() {
    return deadManSeconds;
  }
}
