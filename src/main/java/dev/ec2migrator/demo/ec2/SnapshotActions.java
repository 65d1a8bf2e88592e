package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateSnapshot, CreateSnapshots, DescribeSnapshots and DeleteSnapshot. */
final class SnapshotActions {
  private SnapshotActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "CreateSnapshot",
        new Ec2Action(
            "CreateSnapshot",
            Set.of("Description", "OutpostArn", "VolumeId", "TagSpecification", "Location"),
            SnapshotActions::createSnapshot));
    actions.put(
        "CreateSnapshots",
        new Ec2Action(
            "CreateSnapshots",
            Set.of(
                "Description",
                "InstanceSpecification",
                "OutpostArn",
                "TagSpecification",
                "CopyTagsFromSource",
                "Location"),
            SnapshotActions::createSnapshots));
    actions.put(
        "DescribeSnapshots",
        new Ec2Action(
            "DescribeSnapshots",
            Set.of("Filter", "MaxResults", "NextToken", "Owner", "RestorableBy", "SnapshotId"),
            SnapshotActions::describeSnapshots));
    actions.put(
        "DeleteSnapshot",
        new Ec2Action("DeleteSnapshot", Set.of("SnapshotId"), SnapshotActions::deleteSnapshot));
  }

  static void createSnapshot(QueryRequest req, CallContext ctx, XmlWriter out) {
    String volumeId = req.require("VolumeId");
    IdChecks.wellFormed(List.of(volumeId), Ids.VOLUME, "InvalidVolumeID.Malformed");
    Map<String, String> tags = req.tagSpecifications("snapshot");
    TagRules.checkValues(tags);
    RegionState region = ctx.region();
    synchronized (region) {
      VolumeRecord volume = region.volumes.get(volumeId);
      if (volume == null) {
        throw new Ec2Exception(
            "InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
      }
      SnapshotFactory.checkPendingLimit(ctx, volume);
      SnapshotRecord snap = SnapshotFactory.create(ctx, volume, req.get("Description"), tags);
      SnapshotFactory.writeFields(snap, "status", ctx, out);
    }
  }

  static void createSnapshots(QueryRequest req, CallContext ctx, XmlWriter out) {
    QueryRequest spec = req.member("InstanceSpecification");
    if (spec == null || spec.get("InstanceId") == null) {
      throw Ec2Exception.missingParameter("InstanceSpecification.InstanceId");
    }
    String instanceId = spec.get("InstanceId");
    IdChecks.wellFormed(List.of(instanceId), Ids.INSTANCE, "InvalidInstanceID.Malformed");
    boolean excludeBoot = spec.flag("ExcludeBootVolume");
    List<String> excludedData = spec.strings("ExcludeDataVolumeId");
    String copyTags = req.get("CopyTagsFromSource");
    if (copyTags != null && !copyTags.equals("volume")) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + copyTags + ") for parameter CopyTagsFromSource is invalid.");
    }
    Map<String, String> specTags = req.tagSpecifications("snapshot");
    TagRules.checkValues(specTags);
    RegionState region = ctx.region();
    synchronized (region) {
      InstanceRecord instance = region.instances.get(instanceId);
      if (instance == null) {
        throw new Ec2Exception(
            "InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist");
      }
      List<VolumeRecord> volumes = new ArrayList<>();
      for (SimVolume v : instance.instance().volumes()) {
        boolean root = v.device().equals(instance.instance().rootDeviceName());
        if ((root && excludeBoot) || (!root && excludedData.contains(v.volumeId()))) {
          continue;
        }
        volumes.add(region.volumes.get(v.volumeId()));
      }
      if (volumes.isEmpty()) {
        throw Ec2Exception.invalidParameterValue("No volumes left to snapshot for " + instanceId);
      }
      // all or nothing: check every volume before creating any snapshot
      volumes.forEach(v -> SnapshotFactory.checkPendingLimit(ctx, v));
      out.start("snapshotSet");
      for (VolumeRecord v : volumes) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (copyTags != null) {
          tags.putAll(region.tags(v.volume().volumeId()));
        }
        tags.putAll(specTags);
        TagRules.checkCount(tags.size());
        SnapshotRecord snap = SnapshotFactory.create(ctx, v, req.get("Description"), tags);
        out.start("item");
        SnapshotFactory.writeFields(snap, "state", ctx, out);
        out.end("item");
      }
      out.end("snapshotSet");
    }
  }

  static void describeSnapshots(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> ids = req.strings("SnapshotId");
    IdChecks.wellFormed(ids, Ids.SNAPSHOT, "InvalidSnapshotID.Malformed");
    Integer maxResults = req.integer("MaxResults");
    Paginator.checkMaxResults(maxResults, 5, 1000);
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    synchronized (region) {
      IdChecks.allExist(ids, region.snapshots::containsKey, "InvalidSnapshot.NotFound", "snapshot");
      List<SnapshotRecord> matching = new ArrayList<>();
      for (SnapshotRecord s : region.snapshots.values()) {
        if ((ids.isEmpty() || ids.contains(s.snapshotId))
            && filters.stream().allMatch(f -> snapshotMatches(f, s, ctx))) {
          matching.add(s);
        }
      }
      Paginator.Page<SnapshotRecord> page =
          Paginator.page(matching, s -> s.seq, maxResults, req.get("NextToken"));
      out.start("snapshotSet");
      for (SnapshotRecord s : page.items()) {
        out.start("item");
        SnapshotFactory.writeFields(s, "status", ctx, out);
        out.end("item");
      }
      out.end("snapshotSet");
      out.element("nextToken", page.nextToken());
    }
  }

  private static boolean snapshotMatches(FilterSpec f, SnapshotRecord s, CallContext ctx) {
    if (f.isTagFilter()) {
      return f.matchesTags(ctx.region().tags(s.snapshotId));
    }
    return switch (f.name()) {
      case "snapshot-id" -> f.matches(s.snapshotId);
      case "volume-id" -> f.matches(s.volumeId);
      case "status" -> f.matches(s.state(ctx.now()));
      case "progress" -> f.matches(s.progress(ctx.now()));
      case "owner-id" -> f.matches(ctx.settings().ownerId());
      case "description" -> f.matches(s.description);
      case "volume-size" -> f.matches(String.valueOf(s.volumeSize));
      case "encrypted" -> f.matches(String.valueOf(s.encrypted));
      default -> throw FilterSpec.unknown(f.name());
    };
  }

  static void deleteSnapshot(QueryRequest req, CallContext ctx, XmlWriter out) {
    String snapshotId = req.require("SnapshotId");
    IdChecks.wellFormed(List.of(snapshotId), Ids.SNAPSHOT, "InvalidSnapshotID.Malformed");
    RegionState region = ctx.region();
    synchronized (region) {
      if (!region.snapshots.containsKey(snapshotId)) {
        throw Ec2Exception.snapshotNotFound(snapshotId);
      }
      for (ImageRecord image : region.images.values()) {
        if (image.blockDevices().stream().anyMatch(b -> snapshotId.equals(b.snapshotId()))) {
          throw new Ec2Exception(
              "InvalidSnapshot.InUse",
              "The snapshot " + snapshotId + " is currently in use by " + image.imageId());
        }
      }
      region.deleteSnapshot(snapshotId, ctx.now());
    }
    out.element("return", true);
  }
}
