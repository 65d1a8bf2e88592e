package dev.ec2migrator.cutover;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SyncLineage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's catch-up just before its cutover stop: one more warm pass of that host alone, while it
 * still runs, so its final pass carries only what it wrote during the catch-up (minutes) instead of
 * what it wrote since the wave's last warm pass ended (an hour or more). The catch-up is the warm
 * pass after the sync run's last one ({@code <sync run>-p<n>}, phase sync: an incremental base like
 * any warm pass, its superseded pairs deleted as a sync deletes them, and deleted in turn by the
 * cutover). It is crash-consistent: the cutover's hosts have quiesce mode stop (no SSH), and its
 * data is only a base; the final snapshots are taken stopped. While it runs, the route's migration
 * property is the catch-up pass, so the sync steps serve it unchanged; the host's own migration
 * comes back when its copies are done. A failure of the catch-up fails the host's cutover before
 * anything stopped it ({@link InstanceMigration#catchUpPass}).
 */
public class CatchUp {
  /** The exchange property that keeps the host's cutover migration during its catch-up. */
  static final String HOST = "cutoverMigration";

  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  private final CutoverAdmission admission;

  public CatchUp(CutoverAdmission admission) {
    this.admission = admission;
  }

  /** The host's catch-up pass becomes the route's migration. */
  public void start(Exchange exchange) {
    InstanceMigration host = InstanceMigration.of(exchange);
    SyncLineage cutover = host.lineage();
    int pass = cutover.pass() - 1;
    InstanceMigration catchUp =
        host.catchUpPass(
            SyncRuns.passRunId(cutover.syncRun(), pass),
            new SyncLineage(cutover.syncRun(), pass, false));
    exchange.setProperty(HOST, host);
    exchange.setProperty(InstanceMigration.PROPERTY, catchUp);
    LOG.info("{}: catch-up pass {} before its stop", host.instanceId(), pass);
  }

  /** Its catch-up copies are done: the host's cutover migration is the route's again. */
  public void done(Exchange exchange) {
    InstanceMigration host = exchange.getProperty(HOST, InstanceMigration.class);
    exchange.setProperty(InstanceMigration.PROPERTY, host);
    exchange.removeProperty(HOST);
    admission.caughtUp(host);
  }
}
