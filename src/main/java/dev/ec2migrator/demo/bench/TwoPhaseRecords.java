package dev.ec2migrator.demo.bench;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.cutover.CutoverAdmission;
import dev.ec2migrator.demo.ec2.Ec2Simulator;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-phase benchmark's figures read from the simulator's records of one sync run (a wave): the
 * single-pass downtimes of its first pass, the GiB each pass copied, and the cutover's lower bound
 * from the data its final snapshots and copies carried. Simulated seconds throughout: the
 * simulator's instants advance at the time scale's pace (times its clock rate).
 */
final class TwoPhaseRecords {

  private final Ec2Simulator ec2;
  private final String source;
  private final String target;
  private final double timeScale;

  TwoPhaseRecords(Ec2Simulator ec2, String source, String target, double timeScale) {
    this.ec2 = ec2;
    this.source = source;
    this.target = target;
    this.timeScale = timeScale;
  }

  double simSeconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9 * timeScale;
  }

  /** Per host, pass 1's first CreateSnapshots to its last copy complete, simulated seconds. */
  Map<String, Double> singlePassDowntimes(String syncRun) {
    Ec2SimulatorSettings sim = ec2.settings();
    Map<String, Instant> snapshotAt = new HashMap<>();
    Map<String, String> hostOfSnapshot = new HashMap<>();
    for (SimSnapshot s : ec2.snapshots(source)) {
      if (syncRun.equals(s.tags().get(MigrationTags.SYNC_RUN))
          && "1".equals(s.tags().get(MigrationTags.PASS))) {
        String host = s.tags().get(MigrationTags.SOURCE_INSTANCE);
        hostOfSnapshot.put(s.snapshotId(), host);
        snapshotAt.merge(host, s.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Map<String, Instant> copiedAt = new HashMap<>();
    for (SimSnapshot c : ec2.snapshots(target)) {
      String host = hostOfSnapshot.get(c.sourceSnapshotId());
      if (host != null) {
        Instant done = c.createdAt().plus(sim.copyDurationCarrying(c.dataGib()));
        copiedAt.merge(host, done, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    Map<String, Double> out = new HashMap<>();
    copiedAt.forEach((host, done) -> out.put(host, simSeconds(snapshotAt.get(host), done)));
    return out;
  }

  /** The GiB the copies of one warm pass of the sync run carried. */
  double copiedGib(String syncRun, int pass) {
    String p = String.valueOf(pass);
    return ec2.snapshots(target).stream()
        .filter(c -> syncRun.equals(c.tags().get(MigrationTags.SYNC_RUN)))
        .filter(c -> p.equals(c.tags().get(MigrationTags.PASS)))
        .mapToDouble(SimSnapshot::dataGib)
        .sum();
  }

  /** The GiB the cutover's final copies of the sync run carried. */
  double cutoverCopiedGib(String syncRun) {
    return cutover(target, syncRun).stream().mapToDouble(SimSnapshot::dataGib).sum();
  }

  /**
   * The sync run's cutover (a wave) against its lower bound ({@link CutoverFigures}, {@link
   * CutoverBound}): the one place the bench reads them, once per wave.
   */
  CutoverFigures cutoverFigures(
      String syncRun,
      List<SimInstance> hosts,
      Instant start,
      double seconds,
      CutoverAdmission admission,
      double simSecondsPerRealMs) {
    return CutoverFigures.read(
        ec2, hosts, source, target, syncRun, start, seconds, admission, simSecondsPerRealMs);
  }

  private List<SimSnapshot> cutover(String region, String syncRun) {
    return ec2.snapshots(region).stream()
        .filter(s -> syncRun.equals(s.tags().get(MigrationTags.SYNC_RUN)))
        .filter(s -> "cutover".equals(s.tags().get(MigrationTags.PHASE)))
        .toList();
  }
}
