package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.model.SyncLineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The tags that tie every copy to its source. A copy's VolumeId is arbitrary, so these tags are
 * what makes correlation and resume after a crash possible.
 */
public final class MigrationTags {
  public static final String RUN = "migrator:run";
  public static final String SOURCE_INSTANCE = "migrator:source-instance";
  public static final String SOURCE_SNAPSHOT = "migrator:source-snapshot";
  public static final String SOURCE_VOLUME = "migrator:source-volume";
  public static final String DEVICE = "migrator:device";

  /** Two-phase migration: the sync run, the pass and the phase (sync or cutover) of a snapshot. */
  public static final String SYNC_RUN = "migrator:sync-run";

  public static final String PASS = "migrator:pass";
  public static final String PHASE = "migrator:phase";

  /**
   * On a catch-up's snapshots and copies (a warm pass a cutover makes of one host just before its
   * stop): the cutover's run id. The cutover's pass numbers do not count these, so a rerun after a
   * kill finds the same catch-up pass and adopts what it made.
   */
  public static final String CATCH_UP_FOR = "migrator:catch-up-for";

  /** On a source instance while this tool holds it stopped for its snapshot: the run's id. */
  public static final String STOPPED_BY = "migrator:stopped-by";

  /** EC2 allows 50 tags per resource. */
  private static final int MAX_TAGS = 50;

  private MigrationTags() {}

  public static TagSpecification forSourceSnapshots(InstanceMigration m) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(RUN, m.runId());
    tags.put(SOURCE_INSTANCE, m.instanceId());
    lineage(m, tags);
    return snapshotTags(tags);
  }

  /** The sync run, pass and phase of a two-phase migration's snapshots and copies. */
  private static void lineage(InstanceMigration m, Map<String, String> tags) {
    SyncLineage l = m.lineage();
    if (l != null) {
      tags.put(SYNC_RUN, l.syncRun());
      tags.put(PASS, String.valueOf(l.pass()));
      tags.put(PHASE, l.phase());
      if (m.catchUpOf() != null) {
        tags.put(CATCH_UP_FOR, m.catchUpOf().runId());
      }
    }
  }

  /** Our tags first, then the source volume's own tags (never aws: ones, never overriding ours). */
  public static TagSpecification forCopy(
      InstanceMigration m, SourceVolume v, String sourceSnapshot) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(RUN, m.runId());
    tags.put(SOURCE_INSTANCE, m.instanceId());
    tags.put(SOURCE_SNAPSHOT, sourceSnapshot);
    tags.put(SOURCE_VOLUME, v.volumeId());
    tags.put(DEVICE, v.device());
    lineage(m, tags);
    v.tags()
        .forEach(
            (k, val) -> {
              if (!k.startsWith("aws:") && !k.startsWith("migrator:") && tags.size() < MAX_TAGS) {
                tags.putIfAbsent(k, val);
              }
            });
    return snapshotTags(tags);
  }

  public static List<Tag> forImage(InstanceMigration m) {
    List<Tag> tags = new ArrayList<>();
    tags.add(tag(RUN, m.runId()));
    tags.add(tag(SOURCE_INSTANCE, m.instanceId()));
    String name = m.source().name();
    if (!name.isEmpty()) {
      tags.add(tag("Name", name));
    }
    return tags;
  }

  /** Image names are unique per region, which makes RegisterImage idempotent for a run. */
  public static String imageName(InstanceMigration m) {
    return "migrator-" + m.runId() + "-" + m.instanceId();
  }

  public static String imageNamePrefix(String runId) {
    return "migrator-" + runId + "-";
  }

  private static TagSpecification snapshotTags(Map<String, String> tags) {
    return TagSpecification.builder()
        .resourceType(ResourceType.SNAPSHOT)
        .tags(tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList())
        .build();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
