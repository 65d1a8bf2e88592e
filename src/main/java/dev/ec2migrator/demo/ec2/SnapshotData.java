package dev.ec2migrator.demo.ec2;

import java.time.Instant;

/**
 * What a snapshot holds and what making it carried: volume {@code volumeId} as of {@code
 * pointInTime}, when its host had changed {@code writtenGib} of it in all since the volume was
 * made; making it stored (for a copy: carried across) {@code gib}, only what changed since an
 * earlier snapshot of the same volume when {@code incremental}. A copy holds the same volume and
 * point in time as its source.
 */
record SnapshotData(
    String volumeId, Instant pointInTime, double writtenGib, double gib, boolean incremental) {

  /** A snapshot with no completed earlier one of its volume stores the whole volume. */
  static SnapshotData full(String volumeId, Instant at, double writtenGib, int sizeGib) {
    return new SnapshotData(volumeId, at, writtenGib, sizeGib, false);
  }

  /** A later snapshot of the same volume stores what changed since {@code previous}. */
  static SnapshotData after(SnapshotData previous, Instant at, double writtenGib, int sizeGib) {
    double changed = changed(previous.writtenGib, writtenGib, sizeGib);
    return new SnapshotData(previous.volumeId, at, writtenGib, changed, true);
  }

  /** A copy of this snapshot carrying {@code carriedGib}. */
  SnapshotData copied(double carriedGib, boolean incrementalCopy) {
    return new SnapshotData(volumeId, pointInTime, writtenGib, carriedGib, incrementalCopy);
  }

  /** GiB changed between an earlier point in time of the same volume and this one. */
  double changedSince(SnapshotData earlier, int sizeGib) {
    return changed(earlier.writtenGib, writtenGib, sizeGib);
  }

  // blocks written again are counted again, up to the size of the volume
  private static double changed(double writtenBefore, double writtenAfter, int sizeGib) {
    return Math.min(sizeGib, Math.max(0, writtenAfter - writtenBefore));
  }
}
