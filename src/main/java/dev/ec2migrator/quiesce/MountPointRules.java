package dev.ec2migrator.quiesce;

import java.util.List;

/**
 * Which mount points may be quiesced. Kernel and memory file systems have nothing to snapshot and
 * must not be frozen or remounted read-only ({@code /dev/shm} and {@code /run} hold the sockets and
 * locks of running services, {@code /proc} and {@code /sys} are the kernel's); neither may anything
 * under them. The host's script refuses such types again by what /proc/mounts says.
 */
public final class MountPointRules {
  private static final List<String> REFUSED = List.of("/dev", "/proc", "/sys", "/run");

  private MountPointRules() {}

  /** Why {@code mountPoint} cannot be quiesced, or null if it can. */
  public static String refusal(String mountPoint) {
    String path =
        mountPoint.length() > 1 && mountPoint.endsWith("/")
            ? mountPoint.substring(0, mountPoint.length() - 1)
            : mountPoint;
    for (String refused : REFUSED) {
      if (path.equals(refused) || path.startsWith(refused + "/")) {
        return "mount point '"
            + mountPoint
            + "' cannot be quiesced ("
            + refused
            + " and everything under it is a kernel or memory file system)";
      }
    }
    return null;
  }
}
