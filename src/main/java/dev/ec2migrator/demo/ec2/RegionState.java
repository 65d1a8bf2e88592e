package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one region holds. Not thread-safe by itself: callers synchronize on the instance, so
 * that checks and changes (e.g. a limit check and the snapshot it admits) are atomic.
 */
final class RegionState {
  final String name;
  final Map<String, InstanceRecord> instances = new LinkedHashMap<>();
  final Map<String, VolumeRecord> volumes = new LinkedHashMap<>();
  final Map<String, SnapshotRecord> snapshots = new LinkedHashMap<>();
  final Map<String, ImageRecord> images = new LinkedHashMap<>();
  final NetworkState network = new NetworkState();
  final Map<String, Launch> launches = new HashMap<>();

  /**
   * When a stopping or starting instance settles (stopped, running): before it, it is in between.
   */
  final Map<String, Instant> powerSettles = new HashMap<>();

  /** StopInstances and StartInstances as they happened: action, instance id, real instant. */
  final List<PowerEvent> powerEvents = new ArrayList<>();

  /** The snapshot a volume was created from, for volumes made by CreateVolume or RunInstances. */
  final Map<String, String> volumeSnapshots = new HashMap<>();

  /** Platform and image facts of instances that are not plain Linux/UNIX (see SourceFacts). */
  final Map<String, SourceFacts> sourceFacts = new HashMap<>();

  private final Map<String, Map<String, String>> tagsByResource = new HashMap<>();
  private long seq;

  RegionState(String name) {
    this.name = name;
  }

  long nextSeq() {
    return ++seq;
  }

  /** The instance's facts; a generated or launched instance is plain Linux/UNIX on x86_64. */
  SourceFacts facts(String instanceId) {
    SourceFacts facts = sourceFacts.get(instanceId);
    if (facts != null) {
      return facts;
    }
    InstanceRecord r = instances.get(instanceId);
    return SourceFacts.linux(r == null ? "hvm" : r.instance().virtualizationType());
  }

  Map<String, String> tags(String resourceId) {
    return tagsByResource.getOrDefault(resourceId, Map.of());
  }

  void putTags(String resourceId, Map<String, String> tags) {
    Map<String, String> current =
        new LinkedHashMap<>(tagsByResource.getOrDefault(resourceId, Map.of()));
    current.putAll(tags);
    TagRules.checkCount(current.size());
    tagsByResource.put(resourceId, current);
  }

  void dropTags(String resourceId) {
    tagsByResource.remove(resourceId);
  }

  boolean exists(String resourceId) {
    return instances.containsKey(resourceId)
        || volumes.containsKey(resourceId)
        || snapshots.containsKey(resourceId)
        || images.containsKey(resourceId)
        || network.exists(resourceId);
  }

  SimInstance instanceView(InstanceRecord r) {
    SimInstance i = r.instance();
    List<SimVolume> vols = new ArrayList<>();
    for (SimVolume v : i.volumes()) {
      vols.add(v.withTags(tags(v.volumeId())));
    }
    return new SimInstance(
        i.instanceId(),
        i.state(),
        i.instanceType(),
        i.subnetId(),
        i.availabilityZone(),
        i.privateIp(),
        i.virtualizationType(),
        i.architecture(),
        i.kernelId(),
        i.rootDeviceName(),
        tags(i.instanceId()),
        vols,
        i.mountPoints());
  }

  List<SimSnapshot> snapshotViews(Instant now) {
    List<SimSnapshot> views = new ArrayList<>();
    snapshots.values().forEach(s -> views.add(s.view(now, tags(s.snapshotId))));
    return List.copyOf(views);
  }

  long pendingCopies(Instant now) {
    return snapshots.values().stream().filter(s -> s.isCopy() && s.pending(now)).count();
  }

  long pendingSnapshotsOfVolume(String volumeId, Instant now) {
    return snapshots.values().stream()
        .filter(s -> !s.isCopy() && s.volumeId.equals(volumeId) && s.pending(now))
        .count();
  }
}
