package dev.ec2migrator.demo.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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

  /** When each instance ran, from {@link #powerEvents}. */
  private final PowerHistory power = new PowerHistory(powerEvents);

  /** Snapshots and copies by the volume they hold; entries of deleted ones are dropped on read. */
  private final Map<String, List<SnapshotRecord>> lineages = new HashMap<>();

  /** The snapshot a volume was created from, for volumes made by CreateVolume or RunInstances. */
  final Map<String, String> volumeSnapshots = new HashMap<>();

  /** Platform and image facts of instances that are not plain Linux/UNIX (see SourceFacts). */
  final Map<String, SourceFacts> sourceFacts = new HashMap<>();

  private final Map<String, Map<String, String>> tagsByResource = new HashMap<>();
  private long seq;

  /**
   * Deleted snapshots and copies as they were when deleted (tags, data carried, creation), oldest
   * first, at most {@link #DELETED_KEPT}: what a benchmark reads of work whose result is gone.
   */
  private final java.util.ArrayDeque<SimSnapshot> deleted = new java.util.ArrayDeque<>();

  /** Deleted snapshots remembered per region (a few hundred bytes each). */
  static final int DELETED_KEPT = 20_000;

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
    return lineage(volumeId).stream().filter(s -> !s.isCopy() && s.pending(now)).count();
  }

  /** Deletes a snapshot or copy and its tags, remembering what it was ({@link #deletedViews}). */
  void deleteSnapshot(String snapshotId, Instant now) {
    SnapshotRecord s = snapshots.remove(snapshotId);
    if (s != null) {
      if (deleted.size() == DELETED_KEPT) {
        deleted.removeFirst();
      }
      deleted.addLast(s.view(now, tags(snapshotId)));
    }
    dropTags(snapshotId);
  }

  /** The deleted snapshots and copies remembered, in deletion order. */
  List<SimSnapshot> deletedViews() {
    return List.copyOf(deleted);
  }

  void addSnapshot(SnapshotRecord s) {
    snapshots.put(s.snapshotId, s);
    lineages.computeIfAbsent(s.data.volumeId(), k -> new ArrayList<>()).add(s);
  }

  /** The snapshots and copies of one volume this region still holds, in creation order. */
  private List<SnapshotRecord> lineage(String volumeId) {
    List<SnapshotRecord> lineage = lineages.get(volumeId);
    if (lineage == null) {
      return List.of();
    }
    // a deleted snapshot leaves its lineage: AWS keeps the blocks a later snapshot still needs
    lineage.removeIf(s -> snapshots.get(s.snapshotId) != s);
    return lineage;
  }

  /** The volume's completed snapshot of the latest point in time, or null. */
  SnapshotRecord newestCompletedSnapshot(String volumeId, Instant now) {
    return newest(volumeId, s -> !s.isCopy(), Instant.MAX, now);
  }

  /**
   * The completed copy from {@code sourceRegion} of the volume's latest point in time not after
   * {@code notAfter}, or null.
   */
  SnapshotRecord newestCompletedCopy(
      String sourceRegion, String volumeId, Instant notAfter, Instant now) {
    return newest(volumeId, s -> sourceRegion.equals(s.sourceRegion), notAfter, now);
  }

  private SnapshotRecord newest(
      String volumeId, Predicate<SnapshotRecord> kind, Instant notAfter, Instant now) {
    SnapshotRecord newest = null;
    for (SnapshotRecord s : lineage(volumeId)) {
      if (kind.test(s)
          && !s.data.pointInTime().isAfter(notAfter)
          && s.state(now).equals("completed")
          && (newest == null || !s.data.pointInTime().isBefore(newest.data.pointInTime()))) {
        newest = s;
      }
    }
    return newest;
  }

  /**
   * GiB the volume's host has written since the volume was made, up to {@code at}: its write rate
   * over the simulated time its instance ran (a stopped host writes nothing; a frozen file system
   * is not modelled and counts as running).
   */
  double writtenGib(VolumeRecord volume, Instant at, Ec2SimulatorSettings settings) {
    double perHour = volume.volume().changedGibPerHour();
    if (perHour == 0 || volume.instanceId() == null) {
      return 0;
    }
    InstanceRecord host = instances.get(volume.instanceId());
    boolean running = host != null && host.instance().state().equals("running");
    Duration ran = power.running(volume.instanceId(), running, volume.createTime(), at);
    return perHour * Pace.simulated(settings, ran) / 3600;
  }
}
