package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SyncLineage;
import dev.ec2migrator.run.MigrationRun;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's catch-up just before its cutover stop: one more warm pass of that host alone, while it
 * still runs, so its final pass carries only what it wrote during the catch-up (minutes) instead of
 * what it wrote since the wave's last warm pass ended (an hour or more). The catch-up is the warm
 * pass after the last one a sync made ({@code <sync run>-p<n>}, phase sync, tagged with the
 * cutover's run: an incremental base like any warm pass, its superseded pairs deleted as a sync
 * deletes them, and deleted in turn by the cutover). It is crash-consistent: the cutover's hosts
 * have quiesce mode stop (no SSH), and its data is only a base; the final snapshots are taken
 * stopped. While it runs, the route's migration property is the catch-up pass, so the sync steps
 * serve it unchanged; the host's own migration comes back when its copies are done. A failure of
 * the catch-up fails the host's cutover before anything stopped it ({@link
 * InstanceMigration#catchUpPass}).
 *
 * <p>A rerun after a kill adopts what the killed catch-up made, found by its run tags as a {@code
 * sync} resumes an unfinished pass: a pending or completed catch-up snapshot is waited for and
 * copied, a pending or completed copy waited for; nothing is made twice. That snapshot is adopted
 * however long the host ran after it: it is still a valid incremental base, and the final pass,
 * taken stopped, carries everything written since.
 */
public class CatchUp {
  /** The exchange property that keeps the host's cutover migration during its catch-up. */
  static final String HOST = "cutoverMigration";

  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  private final CutoverAdmission admission;
  private final SnapshotTracker tracker;

  public CatchUp(CutoverAdmission admission, SnapshotTracker tracker) {
    this.admission = admission;
    this.tracker = tracker;
  }

  /** Loads what earlier attempts of the cutover's catch-ups made (none on a first run). */
  public void resume(MigrationRun run) {
    String pass = catchUpRun(run);
    if (pass != null) {
      tracker.loadRun(
          pass,
          regions(run, InstanceMigration::sourceRegion),
          regions(run, InstanceMigration::targetRegion));
    }
  }

  /** The host's catch-up pass becomes the route's migration, with what a killed one made. */
  public void start(Exchange exchange) {
    InstanceMigration host = InstanceMigration.of(exchange);
    SyncLineage cutover = host.lineage();
    int pass = cutover.pass() - 1;
    InstanceMigration catchUp =
        host.catchUpPass(
            SyncRuns.passRunId(cutover.syncRun(), pass),
            new SyncLineage(cutover.syncRun(), pass, false));
    tracker.resume(catchUp);
    exchange.setProperty(HOST, host);
    exchange.setProperty(InstanceMigration.PROPERTY, catchUp);
    if (catchUp.sourceSnapshots().isEmpty()) {
      LOG.info("{}: catch-up pass {} before its stop", host.instanceId(), pass);
    } else {
      LOG.info(
          "{}: catch-up pass {} before its stop resumed: {} snapshot(s) and {} copies found by tag",
          host.instanceId(),
          pass,
          catchUp.sourceSnapshots().size(),
          catchUp.targetSnapshots().size());
    }
  }

  /** Its catch-up copies are done: the host's cutover migration is the route's again. */
  public void done(Exchange exchange) {
    InstanceMigration catchUp = InstanceMigration.of(exchange);
    InstanceMigration host = exchange.getProperty(HOST, InstanceMigration.class);
    tracker.instanceFinished(catchUp);
    exchange.setProperty(InstanceMigration.PROPERTY, host);
    exchange.removeProperty(HOST);
    admission.caughtUp(host);
  }

  /** The cutover ended (or was refused): the tracker forgets its catch-ups, failed ones too. */
  public void finished(MigrationRun run) {
    String pass = run == null ? null : catchUpRun(run);
    if (pass != null) {
      tracker.runFinished(pass, List.of());
    }
  }

  /** The run id of the cutover's catch-ups: the same warm pass for every host of the cutover. */
  private static String catchUpRun(MigrationRun run) {
    return run.migrations().stream()
        .map(InstanceMigration::lineage)
        .filter(l -> l != null && l.cutover())
        .findFirst()
        .map(l -> SyncRuns.passRunId(l.syncRun(), l.pass() - 1))
        .orElse(null);
  }

  private static Set<String> regions(MigrationRun run, Function<InstanceMigration, String> region) {
    return run.migrations().stream().map(region).collect(Collectors.toSet());
  }
}
