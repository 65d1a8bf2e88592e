package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeVolumes and the volume calls CloudFormation's AWS::EC2::Volume and VolumeAttachment make
 * (CreateVolume, AttachVolume, DetachVolume, DeleteVolume).
 */
final class VolumeActions {
  private VolumeActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "DescribeVolumes",
        new Ec2Action(
            "DescribeVolumes",
            Set.of("Filter", "VolumeId", "MaxResults", "NextToken"),
            VolumeActions::describeVolumes));
    Ec2Action.putLocked(
        actions,
        "CreateVolume",
        Set.of(
            "AvailabilityZone",
            "SnapshotId",
            "Size",
            "VolumeType",
            "Iops",
            "Throughput",
            "Encrypted",
            "TagSpecification",
            "ClientToken",
            "MultiAttachEnabled"),
        (req, ctx, out) -> {
          VolumeRecord r =
              new VolumeOps(ctx)
                  .createVolume(
                      req.get("AvailabilityZone"),
                      req.get("SnapshotId"),
                      req.integer("Size"),
                      req.get("VolumeType"),
                      req.integer("Iops"),
                      req.integer("Throughput"),
                      req.tagSpecifications("volume"));
          SimVolume v = r.volume();
          out.element("volumeId", v.volumeId())
              .element("size", v.sizeGib())
              .element("snapshotId", ctx.region().volumeSnapshots.getOrDefault(v.volumeId(), ""))
              .element("availabilityZone", r.availabilityZone())
              .element("status", "creating")
              .element("createTime", r.createTime())
              .element("volumeType", v.volumeType())
              .element("iops", v.iops())
              .element("throughput", v.throughput())
              .element("encrypted", false)
              .tagSet(ctx.region().tags(v.volumeId()));
        });
    Ec2Action.putLocked(
        actions,
        "AttachVolume",
        Set.of("VolumeId", "InstanceId", "Device"),
        (req, ctx, out) -> {
          VolumeRecord r =
              new VolumeOps(ctx)
                  .attach(
                      req.require("VolumeId"), req.require("InstanceId"), req.require("Device"));
          attachment(r, "attaching", ctx, out);
        });
    Ec2Action.putLocked(
        actions,
        "DetachVolume",
        Set.of("VolumeId", "InstanceId", "Device", "Force"),
        (req, ctx, out) ->
            attachment(new VolumeOps(ctx).detach(req.require("VolumeId")), "detaching", ctx, out));
    Ec2Action.putLocked(
        actions,
        "DeleteVolume",
        Set.of("VolumeId"),
        (req, ctx, out) -> {
          new VolumeOps(ctx).deleteVolume(req.require("VolumeId"));
          out.element("return", true);
        });
  }

  private static void attachment(VolumeRecord r, String status, CallContext ctx, XmlWriter out) {
    out.element("volumeId", r.volume().volumeId())
        .element("instanceId", r.instanceId())
        .element("device", r.volume().device())
        .element("status", status)
        .element("attachTime", ctx.now())
        .element("deleteOnTermination", r.root());
  }

  static void describeVolumes(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> ids = req.strings("VolumeId");
    IdChecks.wellFormed(ids, Ids.VOLUME, "InvalidVolumeID.Malformed");
    Integer maxResults = req.integer("MaxResults");
    if (maxResults != null && !ids.isEmpty()) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "The parameter volumeSet cannot be used with the parameter maxResults");
    }
    // AWS takes 5 to 1000 and answers at most 500 a page (the AWS CLI sends 1000 by default)
    Paginator.checkMaxResults(maxResults, 5, 1000);
    if (maxResults != null && maxResults > 500) {
      maxResults = 500;
    }
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    synchronized (region) {
      IdChecks.allExist(ids, region.volumes::containsKey, "InvalidVolume.NotFound", "volume");
      List<VolumeRecord> matching =
          FilterSpec.select(
              region.volumes.values(),
              ids,
              r -> r.volume().volumeId(),
              filters,
              (f, r) -> volumeMatches(f, r, region));
      Paginator.write(
          matching,
          VolumeRecord::seq,
          maxResults,
          req.get("NextToken"),
          "volumeSet",
          out,
          r -> writeVolume(r, region, out));
    }
  }

  private static boolean volumeMatches(FilterSpec f, VolumeRecord r, RegionState region) {
    SimVolume v = r.volume();
    if (f.isTagFilter()) {
      return f.matchesTags(region.tags(v.volumeId()));
    }
    return switch (f.name()) {
      case "volume-id" -> f.matches(v.volumeId());
      case "attachment.instance-id" -> f.matches(r.instanceId());
      case "attachment.device" -> f.matches(v.device());
      case "attachment.status" -> r.instanceId() != null && f.matches("attached");
      case "attachment.delete-on-termination" -> f.matches(String.valueOf(r.root()));
      case "volume-type" -> f.matches(v.volumeType());
      case "availability-zone" -> f.matches(r.availabilityZone());
      case "status" -> f.matches(r.instanceId() == null ? "available" : "in-use");
      case "snapshot-id" -> f.matches(region.volumeSnapshots.getOrDefault(v.volumeId(), ""));
      case "size" -> f.matches(String.valueOf(v.sizeGib()));
      case "encrypted" -> f.matches(String.valueOf(v.encrypted()));
      default -> throw FilterSpec.unknown(f.name());
    };
  }

  private static void writeVolume(VolumeRecord r, RegionState region, XmlWriter out) {
    SimVolume v = r.volume();
    out.start("item")
        .element("volumeId", v.volumeId())
        .element("size", v.sizeGib())
        .element("snapshotId", region.volumeSnapshots.getOrDefault(v.volumeId(), ""))
        .element("availabilityZone", r.availabilityZone())
        .element("status", r.instanceId() == null ? "available" : "in-use")
        .element("createTime", r.createTime())
        .start("attachmentSet");
    if (r.instanceId() != null) {
      out.start("item")
          .element("volumeId", v.volumeId())
          .element("instanceId", r.instanceId())
          .element("device", v.device())
          .element("status", "attached")
          .element("attachTime", r.createTime())
          .element("deleteOnTermination", r.root())
          .end("item");
    }
    out.end("attachmentSet")
        .tagSet(region.tags(v.volumeId()))
        .element("volumeType", v.volumeType())
        .element("iops", v.iops())
        .element("throughput", v.throughput())
        .element("encrypted", v.encrypted())
        .element("kmsKeyId", v.kmsKeyId())
        .element("multiAttachEnabled", false)
        .end("item");
  }
}
