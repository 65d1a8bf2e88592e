package dev.ec2migrator.demo.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot or a copy. Its state is computed lazily from the real creation instant and its
 * duration, so no timer runs per snapshot. {@code data} names the volume and point in time it holds
 * and the data making it carried; {@code keyArn} is the KMS key it is encrypted with, resolved to
 * its ARN (null when unencrypted), so that copies compare keys however the key was named.
 */
final class SnapshotRecord {
  /** Copies of another region's snapshot show this fixed volume id, as on AWS. */
  static final String COPY_VOLUME_ID = "vol-ffffffff";

  enum Fate {
    COMPLETES,
    STUCK,
    FAILS
  }

  final String snapshotId;
  final String volumeId;
  final int volumeSize;
  final String description;
  final Instant createdAt;
  final Duration duration;
  final long seq;
  final boolean encrypted;
  final String kmsKeyId;
  final String sourceRegion;
  final String sourceSnapshotId;
  final SnapshotData data;
  final String keyArn;
  final Fate fate;
  final String failureMessage;

  SnapshotRecord(
      String snapshotId,
      String volumeId,
      int volumeSize,
      String description,
      Instant createdAt,
      Duration duration,
      long seq,
      boolean encrypted,
      String kmsKeyId,
      String sourceRegion,
      String sourceSnapshotId,
      SnapshotData data,
      String keyArn,
      Fate fate,
      String failureMessage) {
    this.snapshotId = snapshotId;
    this.volumeId = volumeId;
    this.volumeSize = volumeSize;
    this.description = description;
    this.createdAt = createdAt;
    this.duration = duration;
    this.seq = seq;
    this.encrypted = encrypted;
    this.kmsKeyId = kmsKeyId;
    this.sourceRegion = sourceRegion;
    this.sourceSnapshotId = sourceSnapshotId;
    this.data = data;
    this.keyArn = keyArn;
    this.fate = fate;
    this.failureMessage = failureMessage;
  }

  boolean isCopy() {
    return sourceSnapshotId != null;
  }

  private boolean finished(Instant now) {
    return !Duration.between(createdAt, now).minus(duration).isNegative();
  }

  String state(Instant now) {
    if (fate == Fate.STUCK || !finished(now)) {
      return "pending";
    }
    return fate == Fate.FAILS ? "error" : "completed";
  }

  boolean pending(Instant now) {
    return state(now).equals("pending");
  }

  String progress(Instant now) {
    if (state(now).equals("completed")) {
      return "100%";
    }
    long elapsed = Duration.between(createdAt, now).toNanos();
    long total = Math.max(1, duration.toNanos());
    long percent = Math.min(99, Math.max(0, elapsed * 100 / total));
    return percent + "%";
  }

  String statusMessage(Instant now) {
    if (!state(now).equals("error")) {
      return null;
    }
    return failureMessage != null ? failureMessage : "Snapshot creation failed (simulated fault)";
  }

  SimSnapshot view(Instant now, Map<String, String> tags) {
    return new SimSnapshot(
        snapshotId,
        volumeId,
        state(now),
        createdAt,
        tags,
        sourceRegion,
        sourceSnapshotId,
        encrypted,
        kmsKeyId,
        data.gib(),
        data.incremental());
  }
}
