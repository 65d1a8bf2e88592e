package dev.ec2migrator.quiesce;

import dev.ec2migrator.aws.InstancePower;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiesce mode {@code stop}: the instance is tagged {@value MigrationTags#STOPPED_BY} with the run,
 * stopped, snapshotted once stopped, and started again as soon as CreateSnapshots returns (the
 * snapshots' point in time is the call). An instance this run stopped is always started again, also
 * by a rerun of the run after a crash, which finds it by the tag.
 */
public class StopStep {
  public static final String WARNING =
      "stopped for its snapshot and started again: a public IPv4 address without an Elastic IP"
          + " has changed";
  private static final Logger LOG = LoggerFactory.getLogger(StopStep.class);
  private static final String DEADLINE = "migratorStoppedDeadline";
  private static final String STOPPED = "migratorStoppedByUs";

  private final InstancePower power;
  private final Duration stopTimeout;
  private final long recheckMs;

  public StopStep(InstancePower power, Duration stopTimeout, long recheckMs) {
    this.power = power;
    this.stopTimeout = stopTimeout;
    this.recheckMs = recheckMs;
  }

  /** True if a run with this id stopped the instance and did not start it again (a crash). */
  public boolean leftStoppedByThisRun(InstanceMigration m) {
    return m.runId().equals(m.source().tags().get(MigrationTags.STOPPED_BY));
  }

  /**
   * For the route's choice: snapshots still to make, and either mode stop on a running instance, or
   * an instance this run left stopped (snapshotted as it is, then started).
   */
  public boolean snapshotsStopped(InstanceMigration m, String mode) {
    return m.needsSnapshots()
        && ((QuiesceMode.STOP.text().equals(mode) && m.source().running())
            || leftStoppedByThisRun(m));
  }

  /** Tags, then stops (an instance this run left stopped is snapshotted as it is). */
  public void stop(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    exchange.setProperty(STOPPED, true);
    exchange.setProperty(DEADLINE, Instant.now().plus(stopTimeout));
    if (leftStoppedByThisRun(m)) {
      return;
    }
    power.markStoppedBy(m);
    LOG.info("{}: stopping for its snapshot", m.instanceId());
    power.stopInstance(m);
  }

  /** For the wait's loop: true while the instance is not yet stopped; fails at the timeout. */
  public boolean notYetStopped(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    String state = power.instanceState(m);
    if ("stopped".equals(state)) {
      return false;
    }
    if (Instant.now().isAfter(exchange.getProperty(DEADLINE, Instant.class))) {
      throw new MigrationException(
          m.instanceId(),
          "StopInstances",
          "StopTimeout",
          "still " + state + " after " + stopTimeout + " (migrator.quiesce.stop.timeout)");
    }
    return true;
  }

  public long recheckIn() {
    return recheckMs;
  }

  /** The finally path: starts the instance if this run stopped it, then removes the tag. */
  public void start(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    if (!exchange.getProperty(STOPPED, false, Boolean.class)) {
      return;
    }
    startAgain(m);
    exchange.removeProperty(STOPPED);
  }

  /** Starts an instance this run stopped (now, or before a crash) and removes the tag. */
  public void startAgain(InstanceMigration m) {
    power.startInstance(m);
    power.unmarkStoppedBy(m);
    m.warn(WARNING);
    LOG.warn("{}: {}", m.instanceId(), WARNING);
  }

  public void startAgain(Exchange exchange) {
    startAgain(InstanceMigration.of(exchange));
  }
}
