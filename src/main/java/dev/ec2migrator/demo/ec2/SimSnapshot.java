package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable view of a snapshot at the moment it was taken from the simulator. {@code createdAt} is
 * the real instant the snapshot was created (compare it with SSH freeze events). For a copy, {@code
 * sourceRegion}/{@code sourceSnapshotId} name its source; both are null for an original. {@code
 * dataGib} is the data the snapshot stored or the copy carried, {@code incremental} whether that
 * was only what changed since an earlier snapshot (or copy) of the same volume.
 */
public record SimSnapshot(
    String snapshotId,
    String volumeId,
    String state,
    Instant createdAt,
    Map<String, String> tags,
    String sourceRegion,
    String sourceSnapshotId,
    boolean encrypted,
    String kmsKeyId,
    double dataGib,
    boolean incremental) {
  public SimSnapshot {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public boolean isCopy() {
    return sourceSnapshotId != null;
  }
}
