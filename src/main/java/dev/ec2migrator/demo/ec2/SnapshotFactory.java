package dev.ec2migrator.demo.ec2;

import java.time.Instant;
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

  /**
   * Caller holds the region's lock and has checked the limit. Like EBS, a snapshot stores only what
   * changed since the volume's newest completed snapshot the region still holds (deleting an
   * intermediate one keeps the chain: AWS moves the blocks a later snapshot needs), and the whole
   * volume when there is none; it takes the fixed time plus the time per GiB it stores.
   */
  static SnapshotRecord create(
      CallContext ctx, VolumeRecord volume, String description, Map<String, String> tags) {
    SimVolume v = volume.volume();
    RegionState region = ctx.region();
    Instant now = ctx.now();
    double written = region.writtenGib(volume, now, ctx.settings());
    SnapshotRecord previous = region.newestCompletedSnapshot(v.volumeId(), now);
    SnapshotData data =
        previous == null
            ? SnapshotData.full(v.volumeId(), now, written, v.sizeGib())
            : SnapshotData.after(previous.data, now, written, v.sizeGib());
    boolean fails = ctx.world().faults.snapshotFails(v.volumeId());
    SnapshotRecord snap =
        new SnapshotRecord(
            ctx.world().ids.next("snap"),
            v.volumeId(),
            v.sizeGib(),
            description,
            now,
            ctx.settings().snapshotDurationCarrying(data.gib()),
            region.nextSeq(),
            v.encrypted(),
            v.kmsKeyId(),
            null,
            null,
            data,
            v.kmsKeyId(),
            fails ? SnapshotRecord.Fate.FAILS : SnapshotRecord.Fate.COMPLETES,
            null);
    region.addSnapshot(snap);
    if (!tags.isEmpty()) {
      region.putTags(snap.snapshotId, tags);
    }
    if (!fails) {
      ctx.world()
          .counters
          .recordSnapshotData(ctx.regionName(), v.volumeId(), data.gib(), data.incremental());
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
