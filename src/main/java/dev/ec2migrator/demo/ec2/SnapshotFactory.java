package dev.ec2migrator.demo.ec2;

import java.util.Map;

/** Creates snapshots of volumes in a region, enforcing the pending-snapshots-per-volume limit. */
final class SnapshotFactory {
  private SnapshotFactory() {}

  /** Caller holds the region's lock. */
  static void checkPendingLimit(CallContext ctx, VolumeRecord volume) {
    Ec2SimulatorSettings s = ctx.settings();
    String volumeId = volume.volume().volumeId();
    String type = volume.volume().volumeType();
    // AWS allows only a few pending snapshots of one volume at a time, one for st1 and sc1
    int limit =
        "st1".equals(type) || "sc1".equals(type)
            ? Math.min(1, s.maxPendingSnapshotsPerVolume())
            : s.maxPendingSnapshotsPerVolume();
    if (s.pendingSnapshotLimitActive()
        && ctx.region().pendingSnapshotsOfVolume(volumeId, ctx.now()) >= limit) {
      throw new Ec2Exception(
          "ConcurrentSnapshotLimitExceeded",
          "Maximum number of concurrent snapshots has been exceeded for volume " + volumeId);
    }
  }

  /** Caller holds the region's lock and has checked the limit. */
  static SnapshotRecord create(
      CallContext ctx, VolumeRecord volume, String description, Map<String, String> tags) {
    SimVolume v = volume.volume();
    RegionState region = ctx.region();
    SnapshotRecord snap =
        new SnapshotRecord(
            ctx.world().ids.next("snap"),
            v.volumeId(),
            v.sizeGib(),
            description,
            ctx.now(),
            ctx.settings().snapshotDuration(v.sizeGib()),
            region.nextSeq(),
            v.encrypted(),
            v.kmsKeyId(),
            null,
            null,
            ctx.world().faults.snapshotFails(v.volumeId())
                ? SnapshotRecord.Fate.FAILS
                : SnapshotRecord.Fate.COMPLETES);
    region.snapshots.put(snap.snapshotId, snap);
    if (!tags.isEmpty()) {
      region.putTags(snap.snapshotId, tags);
    }
    return snap;
  }

  /** The fields shared by the Snapshot and SnapshotInfo shapes; the state element differs. */
  static void writeFields(SnapshotRecord s, String stateElement, CallContext ctx, XmlWriter out) {
    out.element("snapshotId", s.snapshotId)
        .element("volumeId", s.volumeId)
        .element(stateElement, s.state(ctx.now()))
        .element("statusMessage", s.statusMessage(ctx.now()))
        .element("startTime", s.createdAt)
        .element("progress", s.progress(ctx.now()))
        .element("ownerId", ctx.settings().ownerId())
        .element("volumeSize", s.volumeSize)
        .element("description", s.description)
        .element("encrypted", s.encrypted)
        .element("kmsKeyId", s.kmsKeyId)
        .element("storageTier", "standard")
        .tagSet(ctx.region().tags(s.snapshotId));
  }
}
