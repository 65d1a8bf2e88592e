package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
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

  /** On a source instance while this tool holds it stopped for its snapshot: the run's id. */
  public static final String STOPPED_BY = "migrator:stopped-by";

  /** EC2 allows 50 tags per resource. */
  private static final int MAX_TAGS = 50;

  private MigrationTags() {}

  public static TagSpecification forSourceSnapshots(InstanceMigration m) {
    return snapshotTags(Map.of(RUN, m.runId(), SOURCE_INSTANCE, m.instanceId()));
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
