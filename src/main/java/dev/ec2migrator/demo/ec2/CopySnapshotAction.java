package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CopySnapshot, served by the DESTINATION region (the one the request is signed for), reading the
 * source from SourceRegion.
 */
final class CopySnapshotAction {
  private static final String DEFAULT_KMS_KEY = "alias/aws/ebs";

  private CopySnapshotAction() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "CopySnapshot",
        new Ec2Action(
            "CopySnapshot",
            Set.of(
                "Description",
                "DestinationOutpostArn",
                "DestinationRegion",
                "Encrypted",
                "KmsKeyId",
                "PresignedUrl",
                "SourceRegion",
                "SourceSnapshotId",
                "TagSpecification",
                "CompletionDurationMinutes"),
            CopySnapshotAction::copySnapshot));
  }

  private record Source(int volumeSize, boolean encrypted, String kmsKeyId) {}

  static void copySnapshot(QueryRequest req, CallContext ctx, XmlWriter out) {
    String sourceRegion = req.require("SourceRegion");
    String sourceId = req.require("SourceSnapshotId");
    IdChecks.wellFormed(List.of(sourceId), Ids.SNAPSHOT, "InvalidSnapshotID.Malformed");
    if (!KnownRegions.NAMES.contains(sourceRegion)) {
      throw Ec2Exception.invalidParameterValue("Invalid source region: " + sourceRegion);
    }
    String destination = req.get("DestinationRegion");
    if (destination != null && !destination.equals(ctx.regionName())) {
      throw Ec2Exception.invalidParameterValue(
          "DestinationRegion "
              + destination
              + " does not match the region the request was sent to ("
              + ctx.regionName()
              + ")");
    }
    boolean encryptedRequested = req.flag("Encrypted");
    String kmsKeyId = req.get("KmsKeyId");
    if (kmsKeyId != null && !encryptedRequested) {
      throw new Ec2Exception(
          "InvalidParameterDependency",
          "The parameter KmsKeyId requires the parameter Encrypted to be set.");
    }
    Map<String, String> tags = req.tagSpecifications("snapshot");
    TagRules.checkValues(tags);
    TagRules.checkCount(tags.size());
    Source source = readSource(ctx, sourceRegion, sourceId);
    boolean encrypted = encryptedRequested || source.encrypted();
    // a KMS key lives in one region: a copy into another region without KmsKeyId is encrypted
    // with that region's default EBS key
    boolean sameRegion = sourceRegion.equals(ctx.regionName());
    String key = kmsKeyId != null ? kmsKeyId : encrypted && sameRegion ? source.kmsKeyId() : null;
    if (encrypted && key == null) {
      key = DEFAULT_KMS_KEY;
    }
    RegionState region = ctx.region();
    synchronized (region) {
      Ec2SimulatorSettings s = ctx.settings();
      if (s.copyLimitActive()
          && region.pendingCopies(ctx.now()) >= s.maxCopiesInFlightPerRegion()) {
        // AWS: at most 20 concurrent snapshot copies per destination region
        throw new Ec2Exception(
            "ResourceLimitExceeded",
            "You have reached the maximum number of concurrent snapshot copies ("
                + s.maxCopiesInFlightPerRegion()
                + ") for this region.");
      }
      SnapshotRecord copy =
          new SnapshotRecord(
              ctx.world().ids.next("snap"),
              SnapshotRecord.COPY_VOLUME_ID,
              source.volumeSize(),
              req.get("Description"),
              ctx.now(),
              s.copyDuration(source.volumeSize()),
              region.nextSeq(),
              encrypted,
              key,
              sourceRegion,
              sourceId,
              ctx.world().faults.copyStuck(sourceId)
                  ? SnapshotRecord.Fate.STUCK
                  : SnapshotRecord.Fate.COMPLETES);
      region.snapshots.put(copy.snapshotId, copy);
      if (!tags.isEmpty()) {
        region.putTags(copy.snapshotId, tags);
      }
      out.element("snapshotId", copy.snapshotId).tagSet(tags);
    }
  }

  private static Source readSource(CallContext ctx, String sourceRegion, String sourceId) {
    RegionState source = ctx.world().region(sourceRegion);
    synchronized (source) {
      SnapshotRecord snap = source.snapshots.get(sourceId);
      if (snap == null) {
        throw Ec2Exception.snapshotNotFound(sourceId);
      }
      String state = snap.state(ctx.now());
      if (!state.equals("completed")) {
        throw Ec2Exception.incorrectState(
            "Snapshot '" + sourceId + "' is not in the completed state (" + state + ").");
      }
      return new Source(snap.volumeSize, snap.encrypted, snap.kmsKeyId);
    }
  }
}
