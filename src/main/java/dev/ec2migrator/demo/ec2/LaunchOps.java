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
 * Launches and terminates instances, with EC2's checks and error codes (image, instance type,
 * subnet and security groups, private IP, block device mappings). Callers hold the region's
 * monitor.
 *
 * <p>Size: RunInstances is one path with its helpers (image, instance type, subnet and groups,
 * private address, block device mappings): EC2 makes every check before anything exists, so they
 * stay together; the rest is terminate and the instance state.
 */
final class LaunchOps {
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");

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
              VolumeOps.iops(volumeType, size, bd.iops()),
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
      if (type != null && !VolumeOps.VOLUME_TYPES.contains(type)) {
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
        region.volumes.put(v.volumeId(), VolumeOps.detached(vr));
      }
    }
    region.instances.put(instanceId, withVolumes(r, "terminated", List.of()));
    return previous;
  }

  static InstanceRecord withState(InstanceRecord r, String state) {
    return withVolumes(r, state, r.instance().volumes());
  }

  static InstanceRecord withVolumes(InstanceRecord r, String state, List<SimVolume> vols) {
    return new InstanceRecord(
        r.instance().with(state, r.instance().tags(), vols),
        r.vpcId(),
        r.imageId(),
        r.reservationId(),
        r.launchTime(),
        r.seq());
  }
}
