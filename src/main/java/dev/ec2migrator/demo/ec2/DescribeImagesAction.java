package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeImages: the account's own images, or Amazon's public kernel images when asked. */
final class DescribeImagesAction {
  private DescribeImagesAction() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "DescribeImages",
        new Ec2Action(
            "DescribeImages",
            Set.of(
                "ExecutableBy",
                "Filter",
                "ImageId",
                "Owner",
                "IncludeDeprecated",
                "IncludeDisabled",
                "MaxResults",
                "NextToken"),
            DescribeImagesAction::describeImages));
  }

  static void describeImages(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> ids = req.strings("ImageId");
    // Amazon's public kernel images: asked by owner alias or by their aki- ids
    if (req.strings("Owner").equals(List.of("amazon"))
        || !ids.isEmpty() && ids.stream().allMatch(id -> id.startsWith("aki-"))) {
      Integer max = req.integer("MaxResults");
      Paginator.checkMaxResults(max, 6, 1000);
      AmazonKernels.describe(ids, req.filters(), max, req.get("NextToken"), ctx, out);
      return;
    }
    IdChecks.wellFormed(ids, Ids.IMAGE, "InvalidAMIID.Malformed");
    List<String> owners = req.strings("Owner");
    String ownerId = ctx.settings().ownerId();
    boolean ownImagesWanted =
        owners.isEmpty() || owners.contains("self") || owners.contains(ownerId);
    Integer maxResults = req.integer("MaxResults");
    Paginator.checkMaxResults(maxResults, 6, 1000);
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    synchronized (region) {
      IdChecks.allExist(ids, region.images::containsKey, "InvalidAMIID.NotFound", "image");
      List<ImageRecord> matching =
          ownImagesWanted
              ? FilterSpec.select(
                  region.images.values(),
                  ids,
                  ImageRecord::imageId,
                  filters,
                  (f, image) -> imageMatches(f, image, ctx))
              : List.of();
      Paginator.write(
          matching,
          ImageRecord::seq,
          maxResults,
          req.get("NextToken"),
          "imagesSet",
          out,
          image -> writeImage(image, ctx, out));
    }
  }

  private static boolean imageMatches(FilterSpec f, ImageRecord image, CallContext ctx) {
    if (f.isTagFilter()) {
      return f.matchesTags(ctx.region().tags(image.imageId()));
    }
    return switch (f.name()) {
      case "name" -> f.matches(image.name());
      case "image-id" -> f.matches(image.imageId());
      case "state" -> f.matches("available");
      case "architecture" -> f.matches(image.architecture());
      case "virtualization-type" -> f.matches(image.virtualizationType());
      case "root-device-name" -> f.matches(image.rootDeviceName());
      case "root-device-type" -> f.matches("ebs");
      case "owner-id" -> f.matches(ctx.settings().ownerId());
      case "is-public" -> f.matches("false");
      case "kernel-id" -> f.matches(image.kernelId());
      case "description" -> f.matches(image.description());
      case "block-device-mapping.snapshot-id" ->
          f.matchesAny(
              image.blockDevices().stream().map(ImageRecord.BlockDevice::snapshotId).toList());
      default -> throw FilterSpec.unknown(f.name());
    };
  }

  private static void writeImage(ImageRecord image, CallContext ctx, XmlWriter out) {
    String owner = ctx.settings().ownerId();
    out.start("item")
        .element("imageId", image.imageId())
        .element("imageLocation", owner + "/" + image.name())
        .element("imageState", "available")
        .element("imageOwnerId", owner)
        .element("creationDate", image.createdAt())
        .element("isPublic", false)
        .element("architecture", image.architecture())
        .element("imageType", "machine")
        .element("kernelId", image.kernelId())
        .element("ramdiskId", image.ramdiskId())
        .element("name", image.name())
        .element("description", image.description())
        .element("rootDeviceType", "ebs")
        .element("rootDeviceName", image.rootDeviceName())
        .start("blockDeviceMapping");
    for (ImageRecord.BlockDevice d : image.blockDevices()) {
      out.start("item")
          .element("deviceName", d.deviceName())
          .start("ebs")
          .element("snapshotId", d.snapshotId())
          .element("volumeSize", d.volumeSize())
          .element("deleteOnTermination", d.deleteOnTermination())
          .element("volumeType", d.volumeType())
          .element("iops", d.iops())
          .element("throughput", d.throughput())
          .element("encrypted", d.encrypted())
          .end("ebs")
          .end("item");
    }
    out.end("blockDeviceMapping")
        .element("virtualizationType", image.virtualizationType())
        .tagSet(ctx.region().tags(image.imageId()))
        .element("hypervisor", "xen")
        .element("enaSupport", image.enaSupport())
        .element("sriovNetSupport", image.sriovNetSupport())
        .element("bootMode", image.bootMode())
        .element("tpmSupport", image.tpmSupport())
        .element("imdsSupport", image.imdsSupport())
        .end("item");
  }
}
