package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RegisterImage and DeregisterImage (EBS-backed images only), with the checks EC2 makes on a
 * registration: name, architecture, boot mode, kernel, root device and block device mappings.
 */
final class ImageActions {
  // AWS: 3-128 characters of letters, digits, ( ) [ ] space . / - ' @ _
  private static final Pattern AMI_NAME = Pattern.compile("[a-zA-Z0-9()\\[\\] ./\\-'@_]{3,128}");
  private static final Pattern KERNEL_ID = Pattern.compile("aki-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Set<String> ARCHITECTURES =
      Set.of("i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac");
  private static final Set<String> BOOT_MODES = Set.of("legacy-bios", "uefi", "uefi-preferred");

  private ImageActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "RegisterImage",
        new Ec2Action(
            "RegisterImage",
            Set.of(
                "ImageLocation",
                "Architecture",
                "BlockDeviceMapping",
                "Description",
                "EnaSupport",
                "KernelId",
                "Name",
                "BillingProduct",
                "RamdiskId",
                "RootDeviceName",
                "SriovNetSupport",
                "VirtualizationType",
                "BootMode",
                "TpmSupport",
                "UefiData",
                "ImdsSupport",
                "TagSpecification"),
            ImageActions::registerImage));
    actions.put(
        "DeregisterImage",
        new Ec2Action(
            "DeregisterImage",
            Set.of("ImageId", "DeleteAssociatedSnapshots"),
            ImageActions::deregisterImage));
  }

  static void registerImage(QueryRequest req, CallContext ctx, XmlWriter out) {
    String name = req.require("Name");
    if (!AMI_NAME.matcher(name).matches()) {
      throw Ec2Exception.invalidParameterValue(
          "AMI names must be between 3 and 128 characters long, and may contain letters, numbers,"
              + " '(', ')', '.', '-', '/' and '_'");
    }
    if (req.get("ImageLocation") != null) {
      throw Ec2Exception.invalidParameterValue("Instance-store images are not simulated");
    }
    // AWS defaults for RegisterImage
    String architecture = req.get("Architecture") == null ? "i386" : req.get("Architecture");
    String virtualization =
        req.get("VirtualizationType") == null ? "paravirtual" : req.get("VirtualizationType");
    checkOneOf("Architecture", architecture, ARCHITECTURES);
    checkOneOf("VirtualizationType", virtualization, Set.of("hvm", "paravirtual"));
    String bootMode = req.get("BootMode");
    if (bootMode != null) {
      checkOneOf("BootMode", bootMode, BOOT_MODES);
    }
    ImageBootRules.check(req, bootMode, virtualization);
    String kernelId = req.get("KernelId");
    if (kernelId != null && !KERNEL_ID.matcher(kernelId).matches()) {
      throw new Ec2Exception("InvalidAKIID.Malformed", "Invalid id: \"" + kernelId + "\"");
    }
    if (kernelId != null) {
      // a kernel is one of the region's own kernel images, for the image's architecture
      AmazonKernels.Kernel kernel =
          AmazonKernels.byId(ctx.regionName(), kernelId)
              .orElseThrow(
                  () ->
                      new Ec2Exception(
                          "InvalidAKIID.NotFound",
                          "The kernel ID '" + kernelId + "' does not exist"));
      if (!kernel.architecture().equals(architecture)) {
        throw Ec2Exception.invalidParameterValue(
            "The kernel "
                + kernelId
                + " ("
                + kernel.architecture()
                + ") does not match the image's architecture "
                + architecture);
      }
    }
    String rootDevice = req.require("RootDeviceName");
    Map<String, String> tags = imageTags(req);
    List<QueryRequest> mappings = req.members("BlockDeviceMapping");
    RegionState region = ctx.region();
    synchronized (region) {
      for (ImageRecord existing : region.images.values()) {
        if (existing.name().equals(name)) {
          throw new Ec2Exception(
              "InvalidAMIName.Duplicate",
              "AMI name " + name + " is already in use by AMI " + existing.imageId());
        }
      }
      List<ImageRecord.BlockDevice> devices = new ArrayList<>();
      for (QueryRequest m : mappings) {
        devices.add(blockDevice(m, ctx));
      }
      boolean rootMapped =
          devices.stream()
              .anyMatch(d -> d.deviceName().equals(rootDevice) && d.snapshotId() != null);
      if (!rootMapped) {
        throw new Ec2Exception(
            "InvalidBlockDeviceMapping",
            "The root device name " + rootDevice + " has no EBS snapshot in the block devices.");
      }
      ImageRecord image =
          new ImageRecord(
              ctx.world().ids.next("ami"),
              name,
              req.get("Description"),
              architecture,
              rootDevice,
              virtualization,
              kernelId,
              req.get("RamdiskId"),
              req.optionalFlag("EnaSupport"),
              bootMode,
              req.get("SriovNetSupport"),
              req.get("TpmSupport"),
              req.get("UefiData"),
              req.get("ImdsSupport"),
              List.copyOf(devices),
              ctx.now(),
              region.nextSeq());
      region.images.put(image.imageId(), image);
      if (!tags.isEmpty()) {
        region.putTags(image.imageId(), tags);
      }
      out.element("imageId", image.imageId());
    }
  }

  private static Map<String, String> imageTags(QueryRequest req) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (QueryRequest spec : req.members("TagSpecification")) {
      if (!"image".equals(spec.get("ResourceType"))) {
        throw Ec2Exception.invalidParameterValue(
            "'" + spec.get("ResourceType") + "' is not a supported resource type here.");
      }
      tags.putAll(spec.tags("Tag"));
    }
    TagRules.checkValues(tags);
    TagRules.checkCount(tags.size());
    return tags;
  }

  private static void checkOneOf(String param, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + value + ") for parameter " + param + " is invalid.");
    }
  }

  private static ImageRecord.BlockDevice blockDevice(QueryRequest m, CallContext ctx) {
    String device = m.get("DeviceName");
    if (device == null) {
      throw Ec2Exception.missingParameter("BlockDeviceMapping.N.DeviceName");
    }
    QueryRequest ebs = m.member("Ebs");
    if (ebs == null || ebs.get("SnapshotId") == null) {
      throw new Ec2Exception(
          "InvalidBlockDeviceMapping",
          "Only EBS block devices from snapshots are simulated (" + device + ")");
    }
    String snapshotId = ebs.get("SnapshotId");
    IdChecks.wellFormed(List.of(snapshotId), Ids.SNAPSHOT, "InvalidSnapshotID.Malformed");
    SnapshotRecord snap = ctx.region().snapshots.get(snapshotId);
    if (snap == null) {
      throw Ec2Exception.snapshotNotFound(snapshotId);
    }
    String state = snap.state(ctx.now());
    if (!state.equals("completed")) {
      throw Ec2Exception.incorrectState(
          "Snapshot '" + snapshotId + "' is not in the completed state (" + state + ").");
    }
    Integer size = ebs.integer("VolumeSize");
    Ec2Exception.checkVolumeFits(size, snapshotId, snap.volumeSize);
    String type = ebs.get("VolumeType");
    if (type != null) {
      checkOneOf("VolumeType", type, VolumeOps.VOLUME_TYPES);
    }
    ImageBootRules.checkPerformance(
        device, type == null ? "standard" : type, ebs.integer("Iops"), ebs.integer("Throughput"));
    Boolean deleteOnTermination = ebs.optionalFlag("DeleteOnTermination");
    return new ImageRecord.BlockDevice(
        device,
        snapshotId,
        size == null ? snap.volumeSize : size,
        type == null ? "standard" : type,
        deleteOnTermination == null ? Boolean.TRUE : deleteOnTermination,
        ebs.integer("Iops"),
        ebs.integer("Throughput"),
        snap.encrypted);
  }

  static void deregisterImage(QueryRequest req, CallContext ctx, XmlWriter out) {
    String imageId = req.require("ImageId");
    IdChecks.wellFormed(List.of(imageId), Ids.IMAGE, "InvalidAMIID.Malformed");
    boolean deleteSnapshots = req.flag("DeleteAssociatedSnapshots");
    RegionState region = ctx.region();
    synchronized (region) {
      ImageRecord image = region.images.remove(imageId);
      if (image == null) {
        throw Ec2Exception.imageNotFound(imageId);
      }
      region.dropTags(imageId);
      if (deleteSnapshots) {
        for (ImageRecord.BlockDevice d : image.blockDevices()) {
          region.deleteSnapshot(d.snapshotId(), ctx.now());
        }
      }
    }
    out.element("return", true);
  }
}
