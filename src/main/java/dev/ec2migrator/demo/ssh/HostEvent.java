package dev.ec2migrator.demo.ssh;

import java.time.Instant;

/** Something that happened on a simulated host, stamped with the wall clock. */
public record HostEvent(Instant at, Kind kind, String detail) {

  /** What happened; {@code detail} holds the mount point, marker file or command text. */
  public enum Kind {
    REMOUNT_RO,
    REMOUNT_RW,
    FREEZE,
    THAW,
    DEADMAN_ARMED,
    DEADMAN_FIRED,
    DEADMAN_EXPIRED,
    COMMAND,
    CONNECTION_DROPPED,
    PARTITIONED,
    SIGNALLED
  }
}
