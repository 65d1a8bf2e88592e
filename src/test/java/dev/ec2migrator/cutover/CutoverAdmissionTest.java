package dev.ec2migrator.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.model.SyncLineage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cutover's gates with 4 copy slots and hosts of 2 volumes: catch-ups start while the volumes
 * ahead of the slots (on their way - catching up, waiting to stop, down - less those copying now)
 * fit in 4 x 1 = 4; hosts stop while the volumes down fit in 4 x 1.5 = 6; a host's slots are
 * reserved from its stop, and only warm copies leave them free (a catch-up copy may take one, a
 * sync copy may not). The catch-up line serves the largest host first.
 */
class CutoverAdmissionTest {
  private static final String TARGET = "ap-southeast-2";
  // no copy is made here: the slots' tracker is never asked
  private final CopySlots slots = new CopySlots(4, null, 1000);
  private final CutoverAdmission admission = new CutoverAdmission(slots, 4, 1.5, 1, 10);

  @Test
  void catchUpsStartWhileTheVolumesAheadOfTheSlotsFitOncePerSlot() {
    List<InstanceMigration> h = hosts(5);
    assertThat(admission.mustWaitToCatchUp(h.get(0))).isFalse();
    assertThat(admission.mustWaitToCatchUp(h.get(1))).isFalse();
    assertThat(admission.mustWaitToCatchUp(h.get(2))).as("4 volumes snapshotting").isTrue();
    // host 0's catch-up copies take two slots: only host 1's volumes are ahead of the slots
    InstanceMigration pass0 = catchUpPass(h.get(0));
    copying(pass0, 2);
    assertThat(admission.mustWaitToCatchUp(h.get(2))).isFalse();
    assertThat(admission.mustWaitToCatchUp(h.get(3))).isTrue();
    // its copies ended: caught up, waiting to stop, then down - ahead of the slots again
    copiesEnded(pass0, 2);
    admission.caughtUp(h.get(0));
    assertThat(admission.mustWait(h.get(0))).isFalse();
    assertThat(admission.mustWaitToCatchUp(h.get(3))).isTrue();
    // its final copies done: room, but host 1 and host 2 fill what is ahead of the slots
    admission.release(h.get(0));
    assertThat(admission.mustWaitToCatchUp(h.get(3))).isTrue();
    copying(catchUpPass(h.get(1)), 2);
    assertThat(admission.mustWaitToCatchUp(h.get(3))).isFalse();
    assertThat(admission.mustWaitToCatchUp(h.get(4))).isTrue();
    assertThat(admission.catchUpWaits().hosts()).as("hosts that passed").isEqualTo(4);
  }

  /** The host's catch-up pass: its copies take slots of rank 1. */
  private static InstanceMigration catchUpPass(InstanceMigration host) {
    return host.catchUpPass("sync-1-p7", new SyncLineage("sync-1", 7, false));
  }

  /** Its copies were made: their slots stay taken until the copies end. */
  private void copying(InstanceMigration pass, int copies) {
    for (int i = 0; i < copies; i++) {
      assertThat(slots.noSlotYet(pass)).isFalse();
      pass.copySlotsHeld().set(0);
    }
  }

  private void copiesEnded(InstanceMigration pass, int copies) {
    pass.copySlotsHeld().set(copies);
    for (int i = 0; i < copies; i++) {
      slots.releaseOne(pass);
    }
  }

  @Test
  void theLargestWaitingHostCatchesUpFirstThenTheEarliest() {
    List<InstanceMigration> first = hosts(2);
    first.forEach(m -> assertThat(admission.mustWaitToCatchUp(m)).isFalse());
    InstanceMigration small = host(10, 50);
    InstanceMigration alsoSmall = host(11, 50);
    InstanceMigration large = host(12, 500);
    assertThat(admission.mustWaitToCatchUp(small)).isTrue();
    assertThat(admission.mustWaitToCatchUp(alsoSmall)).isTrue();
    assertThat(admission.mustWaitToCatchUp(large)).isTrue();
    admission.release(first.get(0));
    // room for one: the small host looked first, but the large one is served
    assertThat(admission.mustWaitToCatchUp(small)).isTrue();
    assertThat(admission.mustWaitToCatchUp(large)).isFalse();
    admission.release(first.get(1));
    assertThat(admission.mustWaitToCatchUp(alsoSmall)).as("as small, came later").isTrue();
    assertThat(admission.mustWaitToCatchUp(small)).isFalse();
    admission.release(large);
    assertThat(admission.mustWaitToCatchUp(alsoSmall)).isFalse();
  }

  @Test
  void aFailedHostLeavesTheLine() {
    List<InstanceMigration> first = hosts(2);
    first.forEach(m -> assertThat(admission.mustWaitToCatchUp(m)).isFalse());
    InstanceMigration large = host(12, 500);
    InstanceMigration small = host(10, 50);
    assertThat(admission.mustWaitToCatchUp(large)).isTrue();
    assertThat(admission.mustWaitToCatchUp(small)).isTrue();
    admission.release(large); // failed while it waited
    admission.release(first.get(0));
    assertThat(admission.mustWaitToCatchUp(small)).isFalse();
  }

  @Test
  void hostsStopWhileTheirVolumesDownFitAndReserveSlotsFromTheirStop() {
    List<InstanceMigration> h = hosts(4);
    for (int i = 0; i < 3; i++) {
      assertThat(admission.mustWait(h.get(i))).isFalse();
    }
    assertThat(slots.reservedIn(TARGET)).isEqualTo(6);
    // a host waiting for its stop reserves nothing: the slots stay usable meanwhile
    assertThat(admission.mustWait(h.get(3))).isTrue();
    assertThat(slots.reservedIn(TARGET)).isEqualTo(6);
    admission.release(h.get(0));
    slots.releaseAll(h.get(0));
    assertThat(admission.mustWait(h.get(3))).isFalse();
    assertThat(slots.reservedIn(TARGET)).isEqualTo(6);
    assertThat(admission.stopWaits().hosts()).isEqualTo(4);
    assertThat(admission.hostsDown()).isEqualTo(3);
  }

  @Test
  void aCatchUpCopyMayTakeAReservedSlotAWarmCopyMayNot() {
    List<InstanceMigration> h = hosts(3);
    InstanceMigration down = h.get(0);
    down.lineage(new SyncLineage("sync-1", 8, true));
    slots.reserve(down, 2);
    InstanceMigration warm = h.get(1);
    warm.lineage(new SyncLineage("warm-1", 1, false));
    // 4 slots, 2 reserved: warm copies take the 2 free ones, then wait
    for (int copy = 0; copy < 2; copy++) {
      assertThat(slots.noSlotYet(warm)).isFalse();
      warm.copySlotsHeld().set(0); // its copy made: the slot stays taken until the copy ends
    }
    assertThat(slots.noSlotYet(warm)).as("the reserved slots stay free of warm copies").isTrue();
    InstanceMigration catchUp =
        h.get(2).catchUpPass("sync-1-p7", new SyncLineage("sync-1", 7, false));
    assertThat(slots.noSlotYet(catchUp)).as("a catch-up copy takes a reserved slot").isFalse();
    assertThat(slots.inFlight(TARGET)).isEqualTo(3);
  }

  private static List<InstanceMigration> hosts(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(CutoverAdmissionTest::host).toList();
  }

  private static InstanceMigration host(int i) {
    return host(i, 100);
  }

  private static InstanceMigration host(int i, int gibPerVolume) {
    String id = String.format("i-%017d", i);
    InstanceMigration m =
        new InstanceMigration(
            "run-1",
            new InstanceEntry(i + 1, id, null, null, null, null, null, null, null, null),
            "eu-west-1",
            TARGET);
    m.describedAs(
        new SourceInstance(
            id,
            "running",
            "m5.large",
            "subnet-0a000000",
            "eu-west-1a",
            "10.0.0." + i,
            "x86_64",
            "hvm",
            null,
            null,
            "/dev/xvda",
            true,
            "legacy-bios",
            Map.of(),
            List.of(volume(id, 0, gibPerVolume), volume(id, 1, gibPerVolume)),
            null));
    return m;
  }

  private static SourceVolume volume(String host, int n, int gib) {
    return new SourceVolume(
        "vol-" + host.substring(2, 17) + n,
        n == 0 ? "/dev/xvda" : "/dev/xvdb",
        n == 0,
        gib,
        "gp3",
        3000,
        125,
        false,
        true,
        Map.of());
  }
}
