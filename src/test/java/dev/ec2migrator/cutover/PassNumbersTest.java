package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.MigrationTags;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The pass a {@code sync} works on, from the run's snapshots as DescribeSnapshots returns them: an
 * interrupted pass is resumed (no second snapshot of it), a finished one is followed by the next.
 */
class PassNumbersTest {

  @Test
  void theFirstSyncIsPassOne() {
    assertThat(PassNumbers.syncPass(List.of(), List.of())).isEqualTo(1);
  }

  @Test
  void aPassWithASnapshotNotYetCopiedIsResumed() {
    List<Snapshot> sources = List.of(source("snap-1", 1), source("snap-2", 1));
    List<Snapshot> copies = List.of(copy("snap-c1", "snap-1", 1, SnapshotState.COMPLETED));

    assertThat(PassNumbers.syncPass(sources, copies)).isEqualTo(1);
  }

  @Test
  void aPassWhoseCopyIsStillPendingIsResumed() {
    List<Snapshot> sources = List.of(source("snap-1", 2));
    List<Snapshot> copies = List.of(copy("snap-c1", "snap-1", 2, SnapshotState.PENDING));

    assertThat(PassNumbers.syncPass(sources, copies)).isEqualTo(2);
  }

  @Test
  void aFinishedPassIsFollowedByTheNextAndTheCutoverIsNotAWarmPass() {
    List<Snapshot> sources =
        List.of(source("snap-1", 1), source("snap-2", 2), cutoverSource("snap-3", 3));
    List<Snapshot> copies =
        List.of(
            copy("snap-c1", "snap-1", 1, SnapshotState.COMPLETED),
            copy("snap-c2", "snap-2", 2, SnapshotState.COMPLETED));

    assertThat(PassNumbers.lastWarmPass(sources)).isEqualTo(2);
    assertThat(PassNumbers.syncPass(sources, copies)).isEqualTo(3);
  }

  @Test
  void aKilledCutoversCatchUpDoesNotMoveItsCatchUpPassOnTheRerun() {
    Snapshot catchUp =
        source("snap-3", 3).toBuilder()
            .tags(
                tag(MigrationTags.SYNC_RUN, "fleet-1a2b3c4d"),
                tag(MigrationTags.PASS, "3"),
                tag(MigrationTags.PHASE, "sync"),
                tag(MigrationTags.CATCH_UP_FOR, "fleet-1a2b3c4d-cutover"))
            .build();
    List<Snapshot> sources = List.of(source("snap-1", 1), source("snap-2", 2), catchUp);

    // the rerun's catch-up is pass 3 again (what the killed one made is adopted), not pass 4
    assertThat(PassNumbers.lastSyncedPass(sources)).isEqualTo(2);
    // a sync after it still counts it: its pass numbers stay above every warm pair's
    assertThat(PassNumbers.lastWarmPass(sources)).isEqualTo(3);
  }

  @Test
  void aSnapshotInErrorDoesNotHoldThePass() {
    List<Snapshot> sources =
        List.of(
            source("snap-1", 1),
            source("snap-2", 1).toBuilder().state(SnapshotState.ERROR).build());
    List<Snapshot> copies = List.of(copy("snap-c1", "snap-1", 1, SnapshotState.COMPLETED));

    assertThat(PassNumbers.syncPass(sources, copies)).isEqualTo(2);
  }

  private static Snapshot source(String id, int pass) {
    return snapshot(id, SnapshotState.COMPLETED, pass, "sync", null);
  }

  private static Snapshot cutoverSource(String id, int pass) {
    return snapshot(id, SnapshotState.COMPLETED, pass, "cutover", null);
  }

  private static Snapshot copy(String id, String sourceId, int pass, SnapshotState state) {
    return snapshot(id, state, pass, "sync", sourceId);
  }

  private static Snapshot snapshot(
      String id, SnapshotState state, int pass, String phase, String sourceId) {
    Snapshot.Builder b =
        Snapshot.builder()
            .snapshotId(id)
            .state(state)
            .tags(
                tag(MigrationTags.SYNC_RUN, "fleet-1a2b3c4d"),
                tag(MigrationTags.PASS, String.valueOf(pass)),
                tag(MigrationTags.PHASE, phase));
    if (sourceId != null) {
      b.tags(
          tag(MigrationTags.SYNC_RUN, "fleet-1a2b3c4d"),
          tag(MigrationTags.PASS, String.valueOf(pass)),
          tag(MigrationTags.PHASE, phase),
          tag(MigrationTags.SOURCE_SNAPSHOT, sourceId));
    }
    return b.build();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
