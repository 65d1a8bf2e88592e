package dev.ec2migrator.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cutover's lower bound on hand-made records (snapshot 60 + 8 s/GiB, copy 120 + 20 s/GiB):
 * running host A catches up (10 and 5 GiB) then makes its final pass (1 and 2 GiB); stopped host B
 * makes its final pass only (0.5 GiB).
 */
class CutoverBoundTest {
  private static final Ec2SimulatorSettings SIM =
      Ec2SimulatorSettings.defaults()
          .withTimeScale(1000)
          .withSnapshotDuration(60, 8)
          .withCopyDuration(120, 20);

  private final List<SimSnapshot> snapshots = new ArrayList<>();
  private final List<SimSnapshot> copies = new ArrayList<>();

  CutoverBoundTest() {
    pair("i-a", "sync", 10); // snapshot 140 s, copy 320 s
    pair("i-a", "sync", 5); // 100 s, 220 s
    pair("i-a", "cutover", 1); // 68 s, 140 s
    pair("i-a", "cutover", 2); // 76 s, 160 s
    pair("i-b", "cutover", 0.5); // 64 s, 130 s
    // another region's copy of an unknown snapshot is not the cutover's work
    copies.add(snapshot("snap-other", "i-c", "cutover", 50, "snap-unknown"));
  }

  @Test
  void manySlotsTheSlowestHostsChainBounds() {
    CutoverBound b = CutoverBound.of(snapshots, copies, SIM, 20);
    // A: slowest catch-up volume 140 + 320, stop 30, slowest final volume 76 + 160
    assertThat(b.chainSeconds()).isCloseTo(460 + 30 + 236, within(1e-6));
    // B's final snapshot (64 s) is the quickest first snapshot; all copy work 970 s over 20
    assertThat(b.slotsSeconds()).isCloseTo(64 + 970 / 20.0, within(1e-6));
    assertThat(b.fullSeconds()).isCloseTo(726, within(1e-6));
    assertThat(b.catchUpCopyWorkSeconds()).isCloseTo(540, within(1e-6));
    assertThat(b.finalCopyWorkSeconds()).isCloseTo(430, within(1e-6));
    // the final pass alone: the stop, then the slowest final volume (76 + 160)
    assertThat(b.finalOnlySeconds()).isCloseTo(30 + 236, within(1e-6));
    assertThat(b.finalOnlySeconds()).isLessThan(b.fullSeconds());
  }

  @Test
  void oneSlotAllCopyWorkBounds() {
    CutoverBound b = CutoverBound.of(snapshots, copies, SIM, 1);
    assertThat(b.fullSeconds()).isCloseTo(64 + 970, within(1e-6));
    assertThat(b.slotsSeconds()).isEqualTo(b.fullSeconds());
    // over a 2000 s cutover the one slot was busy 970 s
    assertThat(b.slotOccupancy(1, 2000)).isCloseTo(0.485, within(1e-6));
  }

  @Test
  void aRunningHostsFirstSnapshotIsItsCatchUp() {
    snapshots.removeIf(s -> s.tags().get(MigrationTags.SOURCE_INSTANCE).equals("i-b"));
    copies.removeIf(s -> s.tags().get(MigrationTags.SOURCE_INSTANCE).equals("i-b"));
    CutoverBound b = CutoverBound.of(snapshots, copies, SIM, 1);
    // A's quickest catch-up snapshot (100 s), not its final ones (68 s): those come after its stop
    assertThat(b.slotsSeconds()).isCloseTo(100 + 840, within(1e-6));
  }

  @Test
  void nothingMadeNoBound() {
    assertThat(CutoverBound.of(List.of(), List.of(), SIM, 20).fullSeconds()).isZero();
  }

  private void pair(String host, String phase, double gib) {
    SimSnapshot s = snapshot("snap-" + snapshots.size(), host, phase, gib, null);
    snapshots.add(s);
    copies.add(snapshot("snap-copy-" + copies.size(), host, phase, gib, s.snapshotId()));
  }

  private static SimSnapshot snapshot(
      String id, String host, String phase, double gib, String sourceId) {
    return new SimSnapshot(
        id,
        sourceId == null ? "vol-" + id : "vol-ffffffff",
        "completed",
        Instant.EPOCH,
        Map.of(MigrationTags.SOURCE_INSTANCE, host, MigrationTags.PHASE, phase),
        sourceId == null ? null : "eu-west-1",
        sourceId,
        false,
        null,
        gib,
        true);
  }
}
