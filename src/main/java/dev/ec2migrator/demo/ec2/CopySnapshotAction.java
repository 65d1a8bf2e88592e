package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.kms.DemoKeys;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CopySnapshot, served by the DESTINATION region (the one the request is signed for), reading the
 * source from SourceRegion.
 *
 * <p>Incremental copies, after the EBS user guide ("Copy an Amazon EBS snapshot", section
 * "Incremental snapshot copying"): a copy across regions is incremental when the snapshot's volume
 * was copied to the destination before, that most recent copy still exists there, and the copies
 * are unencrypted or encrypted with the same KMS key; a copy encrypted with a new key, or the first
 * copy into a region, is full. Modelled: the destination's completed copy (from the same source
 * region) of the latest point in time of the same source volume not after the snapshot's is the
 * base; with the same key (or both unencrypted) the copy carries what changed between the two
 * source snapshots, else the whole volume. AWS is stricter where the model is not: it wants ALL
 * copies of the volume in the destination on one key (an older copy on another key left in place
 * makes AWS copy in full), and a copy started while an earlier one is pending waits for it and is
 * then incremental (here it is full unless an earlier copy is completed). Copies within one region
 * are treated like copies across regions.
 *
 * <p>KmsKeyId: "Amazon Web Services authenticates the KMS key asynchronously. Therefore, if you
 * specify an ID, alias, or ARN that is not valid, the action can appear to complete, but eventually
 * fails" (CopySnapshot API reference); the key "must exist in the destination Region", and EBS uses
 * only enabled symmetric keys. So a key the destination does not have (or cannot use) is accepted,
 * and the copy goes to state error with "Given key ID is not accessible" after the fixed copy time.
 */
final class CopySnapshotAction {
  private static final String DEFAULT_KMS_KEY = "alias/aws/ebs";
  private static final String KEY_NOT_ACCESSIBLE = "Given key ID is not accessible";

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

  private record Source(int volumeSize, boolean encrypted, String kmsKeyId, SnapshotData data) {}

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
    String keyArn = encrypted ? usableKey(ctx, key) : null;
    boolean keyFails = encrypted && keyArn == null;
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
      SnapshotRecord base =
          region.newestCompletedCopy(
              sourceRegion, source.data().volumeId(), source.data().pointInTime(), ctx.now());
      boolean incremental = base != null && Objects.equals(base.keyArn, keyArn);
      SnapshotData data =
          incremental
              ? source
                  .data()
                  .copied(source.data().changedSince(base.data, source.volumeSize()), true)
              : source.data().copied(source.volumeSize(), false);
      SnapshotRecord copy =
          new SnapshotRecord(
              ctx.world().ids.next("snap"),
              SnapshotRecord.COPY_VOLUME_ID,
              source.volumeSize(),
              req.get("Description"),
              ctx.now(),
              s.copyDurationCarrying(keyFails ? 0 : data.gib()),
              region.nextSeq(),
              encrypted,
              key,
              sourceRegion,
              sourceId,
              data,
              keyArn,
              keyFails
                  ? SnapshotRecord.Fate.FAILS
                  : ctx.world().faults.copyStuck(sourceId)
                      ? SnapshotRecord.Fate.STUCK
                      : SnapshotRecord.Fate.COMPLETES,
              keyFails ? KEY_NOT_ACCESSIBLE : null);
      region.addSnapshot(copy);
      if (!tags.isEmpty()) {
        region.putTags(copy.snapshotId, tags);
      }
      if (!keyFails) {
        ctx.world()
            .counters
            .recordCopyData(ctx.regionName(), data.volumeId(), data.gib(), data.incremental());
      }
      out.element("snapshotId", copy.snapshotId).tagSet(tags);
    }
  }

  /** The key's ARN when EBS can encrypt with it here (an enabled symmetric key), else null. */
  private static String usableKey(CallContext ctx, String keyId) {
    DemoKeys.Key k = new DemoKeys(ctx.settings().ownerId()).find(ctx.regionName(), keyId);
    boolean usable =
        k != null
            && k.state().equals("Enabled")
            && k.usage().equals("ENCRYPT_DECRYPT")
            && k.spec().equals("SYMMETRIC_DEFAULT");
    return usable ? k.arn() : null;
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
      return new Source(snap.volumeSize, snap.encrypted, snap.kmsKeyId, snap.data);
    }
  }
}
