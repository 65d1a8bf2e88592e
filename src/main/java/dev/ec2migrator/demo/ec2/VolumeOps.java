package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates, attaches, detaches and deletes volumes with EC2's checks and error codes. Callers hold
 * the region's monitor.
 */
final class VolumeOps {
  /** The EBS volume types EC2 knows. */
  static final Set<String> VOLUME_TYPES =
      Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");

  private final CallContext ctx;
  private final RegionState region;

  VolumeOps(CallContext ctx) {
    this.ctx = ctx;
    this.region = ctx.region();
  }

  VolumeRecord volume(String id) {
    VolumeRecord r = id == null ? null : region.volumes.get(id);
    if (r == null) {
      throw Ec2Exception.volumeNotFound(id);
    }
    return r;
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
    LaunchOps launch = new LaunchOps(ctx);
    InstanceRecord ir = launch.instance(instanceId);
    if (vr.instanceId() != null) {
      throw new Ec2Exception("VolumeInUse", volumeId + " is already attached to an instance");
    }
    String state = launch.state(ir);
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
    region.instances.put(instanceId, LaunchOps.withVolumes(ir, ir.instance().state(), vols));
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
          ir.instance().instanceId(), LaunchOps.withVolumes(ir, ir.instance().state(), vols));
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

  /** The IOPS EC2 gives a new volume of this type and size. */
  static Integer iops(String type, int size, Integer wanted) {
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

  /** The volume, available again. */
  static VolumeRecord detached(VolumeRecord vr) {
    SimVolume v = vr.volume();
    return new VolumeRecord(
        v.withDevice(null), null, vr.availabilityZone(), false, vr.createTime(), vr.seq());
  }
}
