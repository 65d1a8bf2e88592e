package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.model.SyncLineage;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The pass numbers of a sync run, read from the tags of what it made (no local state). A warm pass
 * is resumed while one of its snapshots has no completed copy yet (a crash or kill in the middle);
 * once every one has, {@code sync} starts the next pass. The cutover's pass follows the last warm
 * pass, so a rerun of the cutover finds the same number.
 */
final class PassNumbers {
  private PassNumbers() {}

  /** The last warm pass any snapshot of the run carries, 0 when none. */
  static int lastWarmPass(Collection<Snapshot> sourceSnapshots) {
    return sourceSnapshots.stream()
        .filter(s -> SyncLineage.SYNC.equals(tag(s, MigrationTags.PHASE)))
        .mapToInt(PassNumbers::pass)
        .max()
        .orElse(0);
  }

  /**
   * The last warm pass a {@code sync} made, 0 when none: a cutover's catch-ups (warm passes too,
   * tagged {@link MigrationTags#CATCH_UP_FOR}) are not counted, so the catch-up pass that follows
   * it is the same number again when a killed cutover is rerun, and the rerun adopts what the
   * killed catch-up made instead of making it twice.
   */
  static int lastSyncedPass(Collection<Snapshot> sourceSnapshots) {
    return lastWarmPass(
        sourceSnapshots.stream()
            .filter(s -> tag(s, MigrationTags.CATCH_UP_FOR).isEmpty())
            .toList());
  }

  /**
   * The pass a {@code sync} of the run works on now: the last one again while it is unfinished (a
   * snapshot of it, not in error, without a completed copy), else the next one.
   */
  static int syncPass(Collection<Snapshot> sourceSnapshots, Collection<Snapshot> copies) {
    int last = lastWarmPass(sourceSnapshots);
    if (last == 0) {
      return 1;
    }
    Set<String> copied = new HashSet<>();
    for (Snapshot c : copies) {
      if (c.state() == SnapshotState.COMPLETED && pass(c) == last) {
        copied.add(tag(c, MigrationTags.SOURCE_SNAPSHOT));
      }
    }
    boolean unfinished =
        sourceSnapshots.stream()
            .filter(s -> SyncLineage.SYNC.equals(tag(s, MigrationTags.PHASE)))
            .filter(s -> pass(s) == last && s.state() != SnapshotState.ERROR)
            .anyMatch(s -> !copied.contains(s.snapshotId()));
    return unfinished ? last : last + 1;
  }

  static int pass(Snapshot s) {
    try {
      return Integer.parseInt(tag(s, MigrationTags.PASS));
    } catch (NumberFormatException e) {
      return 0; // not ours to number: a hand-made tag
    }
  }

  static String tag(Snapshot s, String key) {
    return tags(s).getOrDefault(key, "");
  }

  static Map<String, String> tags(Snapshot s) {
    return s.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
  }
}
