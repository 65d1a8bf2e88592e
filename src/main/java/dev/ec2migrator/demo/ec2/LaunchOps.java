package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Launches and terminates instances, creates, attaches, detaches and deletes volumes, with EC2's
 * checks and error codes. Callers hold the region's monitor.
 *
 * <p>Size: one method per instance and volume operation, each with the checks EC2 makes; no other
 * job.
 */
final class LaunchOps {
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");

  /** The EBS volume types EC2 knows. */
  static final Set<String> VOLUME_TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  private final CallContext ctx;
  private final RegionState region;

  LaunchOps(CallContext ctx) {
    this.ctx = ctx;
    this.region = ctx.region();
  }

  InstanceRecord instance(String id) {
    InstanceRecord r = id == null ? null : region.instances.get(id);
    if (r == null) {
      throw Ec2Exception.instanceNotFound(id);
    }
    return r;
  }

  VolumeRecord volume(String id) {
    VolumeRecord r = id == null ? null : region.volumes.get(id);
    if (r == null) {
      throw Ec2Exception.volumeNotFound(id);
    }
    return r;
  }

  /** pending until the simulated boot is over, then whatever the instance record says. */
  String state(InstanceRecord r) {
    Launch launch = region.launches.get(r.instance().instanceId());
    if (launch != null && r.instance().running() && launch.pending(ctx.now())) {
      return "pending";
    }
    Instant settles = region.powerSettles.get(r.instance().instanceId());
    if (settles != null && ctx.now().isBefore(settles)) {
      return r.instance().running() ? "pending" : "stopping";
    }
    return r.instance().state();
  }

  static int stateCode(String state) {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      default -> 80;
    };
  }

  InstanceRecord run(InstanceLaunch spec) {
    if (spec.imageId() == null || spec.imageId().isEmpty()) {
      throw Ec2Exception.missingParameter("ImageId");
    }
    if (!Ids.IMAGE.matcher(spec.imageId()).matches()) {
      throw new Ec2Exception("InvalidAMIID.Malformed", "Invalid id: \"" + spec.imageId() + "\"");
    }
    ImageRecord image = region.images.get(spec.imageId());
    if (image == null) {
      throw Ec2Exception.imageNotFound(spec.imageId());
    }
    String type = spec.instanceType() == null ? "m1.small" : spec.instanceType();
    if (!INSTANCE_TYPE.matcher(type).matches()) {
      throw Ec2Exception.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
    }
    if (spec.subnetId() == null) {
      throw new Ec2Exception("VPCIdNotSpecified", "No default VPC for this user");
    }
    NetworkOps net = new NetworkOps(ctx);
    NetworkState.Subnet subnet = net.subnet(spec.subnetId());
    List<String> groups = new ArrayList<>(spec.groupIds());
    if (groups.isEmpty()) {
      groups.add(net.vpc(subnet.vpcId()).defaultGroupId);
    }
    for (String g : groups) {
      if (!net.securityGroup(g).vpcId.equals(subnet.vpcId())) {
        throw new Ec2Exception(
            "InvalidParameter",
            "Security group "
                + g
                + " and subnet "
                + subnet.id()
                + " belong to different networks.");
      }
    }
    String privateIp = privateIp(subnet, spec.privateIp());
    List<ImageRecord.BlockDevice> mappings = mappings(image, spec.devices());
    String instanceId = ctx.world().ids.next("i");
    List<SimVolume> volumes = new ArrayList<>();
    List<VolumeRecord> records = new ArrayList<>();
    for (ImageRecord.BlockDevice bd : mappings) {
      SnapshotRecord snap = region.snapshots.get(bd.snapshotId());
      if (snap == null) {
        throw Ec2Exception.snapshotNotFound(bd.snapshotId());
      }
      int size = bd.volumeSize() == null ? snap.volumeSize : bd.volumeSize();
      String volumeType = bd.volumeType() == null ? "gp2" : bd.volumeType();
      SimVolume v =
          new SimVolume(
              ctx.world().ids.next("vol"),
              bd.deviceName(),
              size,
              volumeType,
              iops(volumeType, size, bd.iops()),
              volumeType.equals("gp3") ? (bd.throughput() == null ? 125 : bd.throughput()) : null,
              spec.volumeTags(),
              snap.encrypted ? snap.kmsKeyId : null);
      volumes.add(v);
      boolean deleteOnTermination = bd.deleteOnTermination() == null || bd.deleteOnTermination();
      records.add(
          new VolumeRecord(
              v,
              instanceId,
              subnet.availabilityZone(),
              deleteOnTermination,
              ctx.now(),
              region.nextSeq()));
    }
    SimInstance instance =
        new SimInstance(
            instanceId,
            "running",
            type,
            subnet.id(),
            subnet.availabilityZone(),
            privateIp,
            image.virtualizationType(),
            image.architecture(),
            image.kernelId(),
            image.rootDeviceName(),
            spec.tags(),
            volumes,
            List.of("/"));
    InstanceRecord record =
        new InstanceRecord(
            instance,
            subnet.vpcId(),
            image.imageId(),
            ctx.world().ids.next("r"),
            ctx.now(),
            region.nextSeq());
    region.instances.put(instanceId, record);
    region.putTags(instanceId, spec.tags());
    for (int k = 0; k < records.size(); k++) {
      VolumeRecord vr = records.get(k);
      region.volumes.put(vr.volume().volumeId(), vr);
      region.putTags(vr.volume().volumeId(), spec.volumeTags());
      region.volumeSnapshots.put(vr.volume().volumeId(), mappings.get(k).snapshotId());
    }
    region.launches.put(
        instanceId,
        new Launch(
            groups,
            spec.keyName(),
            profileArn(spec.iamInstanceProfile()),
            Pace.after(ctx, Pace.INSTANCE_BOOT_SECONDS),
            Pace.after(ctx, Pace.STATUS_CHECKS_SECONDS)));
    return record;
  }

  private String profileArn(String profile) {
    if (profile == null || profile.isEmpty() || profile.startsWith("arn:")) {
      return profile == null || profile.isEmpty() ? null : profile;
    }
    return "arn:aws:iam::" + ctx.settings().ownerId() + ":instance-profile/" + profile;
  }

  private String privateIp(NetworkState.Subnet subnet, String wanted) {
    Cidr cidr = Cidr.parse(subnet.cidr(), "x");
    Set<String> used = new HashSet<>();
    for (InstanceRecord r : region.instances.values()) {
      if (subnet.id().equals(r.instance().subnetId()) && !"terminated".equals(state(r))) {
        used.add(r.instance().privateIp());
      }
    }
    region.network.natGateways.values().stream()
        .filter(g -> g.subnetId().equals(subnet.id()) && g.deleteTime() == null)
        .forEach(g -> used.add(g.privateIp()));
    if (wanted != null) {
      if (!cidr.contains(wanted)) {
        throw Ec2Exception.invalidParameterValue(
            "Address " + wanted + " does not fall within the subnet's address range");
      }
      if (used.contains(wanted)) {
        throw new Ec2Exception("InvalidIPAddress.InUse", "Address " + wanted + " is in use.");
      }
      return wanted;
    }
    // AWS keeps the first four addresses and the last one of every subnet
    for (long offset = 4; offset < cidr.size() - 1; offset++) {
      String ip = cidr.host(offset);
      if (!used.contains(ip)) {
        return ip;
      }
    }
    throw new Ec2Exception(
        "InsufficientFreeAddressesInSubnet",
        "There are not enough free addresses in subnet '"
            + subnet.id()
            + "' to satisfy the request.");
  }

  /** The image's block devices with the request's changes and additions, in device order. */
  private List<ImageRecord.BlockDevice> mappings(
      ImageRecord image, List<InstanceLaunch.Device> specs) {
    Map<String, ImageRecord.BlockDevice> byDevice = new LinkedHashMap<>();
    image.blockDevices().forEach(b -> byDevice.put(b.deviceName(), b));
    for (InstanceLaunch.Device d : specs) {
      if (d.deviceName() == null) {
        throw Ec2Exception.missingParameter("BlockDeviceMapping.N.DeviceName");
      }
      if (d.noDevice()) {
        byDevice.remove(d.deviceName());
        continue;
      }
      ImageRecord.BlockDevice base = byDevice.get(d.deviceName());
      String snapshotId =
          d.snapshotId() != null ? d.snapshotId() : base == null ? null : base.snapshotId();
      if (snapshotId == null) {
        throw new Ec2Exception(
            "InvalidBlockDeviceMapping",
            "Only EBS block devices from snapshots are simulated (" + d.deviceName() + ")");
      }
      SnapshotRecord snap = region.snapshots.get(snapshotId);
      if (snap == null) {
        throw Ec2Exception.snapshotNotFound(snapshotId);
      }
      Integer size =
          d.volumeSize() != null ? d.volumeSize() : base == null ? null : base.volumeSize();
      Ec2Exception.checkVolumeFits(size, snapshotId, snap.volumeSize);
      String type =
          d.volumeType() != null ? d.volumeType() : base == null ? null : base.volumeType();
      if (type != null && !VOLUME_TYPES.contains(type)) {
        throw Ec2Exception.invalidParameterValue(
            "Value (" + type + ") for parameter volumeType is invalid.");
      }
      byDevice.put(
          d.deviceName(),
          new ImageRecord.BlockDevice(
              d.deviceName(),
              snapshotId,
              size,
              type,
              d.deleteOnTermination() != null
                  ? d.deleteOnTermination()
                  : base == null ? Boolean.FALSE : base.deleteOnTermination(),
              d.iops() != null ? d.iops() : base == null ? null : base.iops(),
              d.throughput() != null ? d.throughput() : base == null ? null : base.throughput(),
              false));
    }
    if (!byDevice.containsKey(image.rootDeviceName())) {
      throw new Ec2Exception(
          "InvalidBlockDeviceMapping",
          "The root device " + image.rootDeviceName() + " cannot be removed");
    }
    List<ImageRecord.BlockDevice> ordered = new ArrayList<>();
    ordered.add(byDevice.remove(image.rootDeviceName()));
    byDevice.values().stream()
        .sorted(java.util.Comparator.comparing(ImageRecord.BlockDevice::deviceName))
        .forEach(ordered::add);
    return ordered;
  }

  private static Integer iops(String type, int size, Integer wanted) {
    return switch (type) {
      // gp2: 3 IOPS per GiB, 100 to 16,000
      case "gp2" -> Math.max(100, Math.min(16000, 3 * size));
      case "gp3" -> wanted == null ? 3000 : wanted;
      case "io1", "io2" -> {
        if (wanted == null) {
          throw Ec2Exception.missingParameter("Iops");
        }
        yield wanted;
      }
      default -> null;
    };
  }

  /** Terminates at once: volumes marked DeleteOnTermination go, the others become available. */
  String terminate(String instanceId) {
    InstanceRecord r = instance(instanceId);
    String previous = state(r);
    if (previous.equals("terminated")) {
      return previous;
    }
    for (SimVolume v : r.instance().volumes()) {
      VolumeRecord vr = region.volumes.get(v.volumeId());
      if (vr == null) {
        continue;
      }
      if (vr.root()) {
        region.volumes.remove(v.volumeId());
        region.volumeSnapshots.remove(v.volumeId());
        region.dropTags(v.volumeId());
      } else {
        region.volumes.put(v.volumeId(), detached(vr));
      }
    }
    region.instances.put(instanceId, withVolumes(r, "terminated", List.of()));
    return previous;
  }

  private static VolumeRecord detached(VolumeRecord vr) {
    SimVolume v = vr.volume();
    return new VolumeRecord(
        v.withDevice(null), null, vr.availabilityZone(), false, vr.createTime(), vr.seq());
  }

  static InstanceRecord withState(InstanceRecord r, String state) {
    return withVolumes(r, state, r.instance().volumes());
  }

  private static InstanceRecord withVolumes(InstanceRecord r, String state, List<SimVolume> vols) {
    return new InstanceRecord(
        r.instance().with(state, r.instance().tags(), vols),
        r.vpcId(),
        r.imageId(),
        r.reservationId(),
        r.launchTime(),
        r.seq());
  }

  VolumeRecord createVolume(
      String zone,
      String snapshotId,
      Integer size,
      String type,
      Integer iops,
      Integer throughput,
      Map<String, String> tags) {
    if (zone == null
        || !zone.startsWith(ctx.regionName())
        || !RegionActions.ZONE_LETTERS.contains(zone.substring(ctx.regionName().length()))) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + zone + ") for parameter availabilityZone is invalid.");
    }
    int sizeGib;
    if (snapshotId != null && !snapshotId.isEmpty()) {
      SnapshotRecord snap = region.snapshots.get(snapshotId);
      if (snap == null) {
        throw Ec2Exception.snapshotNotFound(snapshotId);
      }
      if (size != null && size < snap.volumeSize) {
        throw Ec2Exception.invalidParameterValue(
            "The volume size is invalid for the given snapshot.");
      }
      sizeGib = size == null ? snap.volumeSize : size;
    } else if (size == null) {
      throw Ec2Exception.missingParameter("size");
    } else {
      sizeGib = size;
    }
    String volumeType = type == null ? "gp2" : type;
    if (!VOLUME_TYPES.contains(volumeType)) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + volumeType + ") for parameter volumeType is invalid.");
    }
    SimVolume v =
        new SimVolume(
            ctx.world().ids.next("vol"),
            null,
            sizeGib,
            volumeType,
            iops(volumeType, sizeGib, iops),
            volumeType.equals("gp3") ? (throughput == null ? 125 : throughput) : null,
            tags);
    VolumeRecord r = new VolumeRecord(v, null, zone, false, ctx.now(), region.nextSeq());
    region.volumes.put(v.volumeId(), r);
    region.putTags(v.volumeId(), tags);
    if (snapshotId != null && !snapshotId.isEmpty()) {
      region.volumeSnapshots.put(v.volumeId(), snapshotId);
    }
    return r;
  }

  VolumeRecord attach(String volumeId, String instanceId, String device) {
    VolumeRecord vr = volume(volumeId);
    InstanceRecord ir = instance(instanceId);
    if (vr.instanceId() != null) {
      throw new Ec2Exception("VolumeInUse", volumeId + " is already attached to an instance");
    }
    String state = state(ir);
    if (!state.equals("running") && !state.equals("stopped")) {
      throw new Ec2Exception("IncorrectState", "Instance '" + instanceId + "' is not 'running'.");
    }
    if (!vr.availabilityZone().equals(ir.instance().availabilityZone())) {
      throw new Ec2Exception(
          "InvalidVolume.ZoneMismatch",
          "The volume '"
              + volumeId
              + "' is not in the same availability zone as instance '"
              + instanceId
              + "'");
    }
    if (ir.instance().volumes().stream().anyMatch(v -> device.equals(v.device()))) {
      throw Ec2Exception.invalidParameterValue(
          "Invalid value '"
              + device
              + "' for unixDevice. Attachment point "
              + device
              + " is already in use");
    }
    SimVolume v = vr.volume();
    SimVolume attached = v.withDevice(device);
    VolumeRecord updated =
        new VolumeRecord(
            attached, instanceId, vr.availabilityZone(), false, vr.createTime(), vr.seq());
    region.volumes.put(volumeId, updated);
    List<SimVolume> vols = new ArrayList<>(ir.instance().volumes());
    vols.add(attached);
    region.instances.put(instanceId, withVolumes(ir, ir.instance().state(), vols));
    return updated;
  }

  VolumeRecord detach(String volumeId) {
    VolumeRecord vr = volume(volumeId);
    if (vr.instanceId() == null) {
      throw new Ec2Exception(
          "IncorrectState", "Volume '" + volumeId + "' is in the 'available' state.");
    }
    InstanceRecord ir = region.instances.get(vr.instanceId());
    if (ir != null) {
      List<SimVolume> vols = new ArrayList<>(ir.instance().volumes());
      vols.removeIf(v -> v.volumeId().equals(volumeId));
      region.instances.put(
          ir.instance().instanceId(), withVolumes(ir, ir.instance().state(), vols));
    }
    region.volumes.put(volumeId, detached(vr));
    return vr;
  }

  void deleteVolume(String volumeId) {
    VolumeRecord vr = volume(volumeId);
    if (vr.instanceId() != null) {
      throw new Ec2Exception(
          "VolumeInUse", "Volume " + volumeId + " is currently attached to " + vr.instanceId());
    }
    region.volumes.remove(volumeId);
    region.volumeSnapshots.remove(volumeId);
    region.dropTags(volumeId);
  }
}
