package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.InstancePower;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.deploy.Verification;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.quiesce.QuiesceMode;
import dev.ec2migrator.quiesce.StopStep;
import dev.ec2migrator.run.MigrationRun;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of sync and cutover that are more than one call: the downtime clock of a cut-over host
 * (from its stop to its image, and to its new instance running when deployed), and the rollback of
 * a host whose cutover failed: started again (its source is the rollback) unless {@code
 * migrator.cutover.on-failure=keep-stopped}.
 */
public class CutoverSteps {
  public static final String CUT_OVER = "stopped (cut over)";
  public static final String STARTED_AGAIN = "started again (rollback)";
  public static final String KEPT_STOPPED =
      "kept stopped (migrator.cutover.on-failure=keep-stopped)";
  private static final Logger LOG = LoggerFactory.getLogger(CutoverSteps.class);

  private final InstancePower power;
  private final StopStep stopStep;
  private final CutoverAdmission admission;
  private final boolean startOnFailure;

  /**
   * @param onFailure migrator.cutover.on-failure: start | keep-stopped
   */
  public CutoverSteps(
      InstancePower power, StopStep stopStep, CutoverAdmission admission, String onFailure) {
    if (!onFailure.equals("start") && !onFailure.equals("keep-stopped")) {
      throw new IllegalArgumentException(
          "migrator.cutover.on-failure must be start or keep-stopped, not " + onFailure);
    }
    this.power = power;
    this.stopStep = stopStep;
    this.admission = admission;
    this.startOnFailure = onFailure.equals("start");
  }

  /** A sync keeps its hosts running: quiesce mode stop is refused for the instance. */
  public void refuseStopMode(InstanceMigration m, String mode) {
    if (QuiesceMode.STOP.text().equals(mode)) {
      throw new MigrationException(
          m.instanceId(),
          "Sync",
          "StopModeRefused",
          "quiesce mode stop cannot be used by sync, which copies while the hosts run: give the"
              + " instance auto, fsfreeze, remount or none (list column quiesce_mode, tag"
              + " migrator:quiesce-mode, migrator.quiesce.mode), or set"
              + " migrator.sync.consistency=crash-consistent; the cutover stops it");
    }
  }

  /**
   * A running host whose cutover snapshots exist was started again after them (a rollback): they no
   * longer hold its data, and an image of them would lose what it wrote since.
   */
  public void refuseStaleSnapshots(InstanceMigration m, boolean leftStopped) {
    if (!m.needsSnapshots() && m.source().running() && !leftStopped && m.imageId() == null) {
      throw new MigrationException(
          m.instanceId(),
          "CreateSnapshots",
          "StaleCutoverSnapshots",
          "it runs again after the snapshots of cutover "
              + m.runId()
              + " were taken (a rollback): delete them (cleanup "
              + m.runId()
              + " --all) and run the cutover again");
    }
  }

  /** The cutover's StopInstances was sent: the downtime clock starts. */
  public void stopped(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    m.stoppedForCutover(Instant.now());
    LOG.info("{}: stopped for its cutover", m.instanceId());
  }

  /**
   * A host this cutover left stopped before a crash: it is down already, so it is admitted and its
   * downtime counted from now (the time before the crash is not known to this process).
   */
  public void leftStopped(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    admission.admitNow(m);
    if (m.source().running()) {
      power.stopInstance(m); // tagged, then killed before its StopInstances was sent
    }
    m.stoppedForCutover(Instant.now());
    LOG.info("{}: found stopped by this cutover before a restart; it goes on", m.instanceId());
  }

  /** The image is registered: the downtime to image ends; the source stays stopped, untagged. */
  public void imageReady(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    m.imageReady(Instant.now());
    if (m.stoppedAt() != null) {
      power.unmarkStoppedBy(m);
      m.sourceState(CUT_OVER);
    }
    LOG.info(
        "{}: image {} registered in {}, down {} ms",
        m.instanceId(),
        m.imageId(),
        m.targetRegion(),
        m.downtimeMs());
  }

  /**
   * After a host's failure is recorded (instance-failures): a failed host this cutover stopped is
   * started again (and untagged) unless configured to keep it stopped; the row says which. A failed
   * start is on the row and in the log at ERROR: the host still carries the stopped-by tag, so a
   * rerun starts or cuts it over.
   */
  public void rollBackIfFailed(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    // a failed catch-up pass has failed its host (still running): its gate is released
    rollBackIfFailed(m.catchUpOf() != null ? m.catchUpOf() : m);
  }

  public void rollBackIfFailed(InstanceMigration m) {
    if (!m.isFailed()) {
      return;
    }
    admission.release(m);
    if (m.stoppedAt() == null || m.imageId() != null) {
      return;
    }
    if (!startOnFailure) {
      m.sourceState(KEPT_STOPPED);
      LOG.warn("{}: cutover failed, source {}", m.instanceId(), KEPT_STOPPED);
      return;
    }
    try {
      stopStep.startAgain(m);
      m.sourceState(STARTED_AGAIN);
      LOG.warn("{}: cutover failed, source {}", m.instanceId(), STARTED_AGAIN);
    } catch (MigrationException e) {
      m.sourceState("STILL STOPPED: " + e.getMessage());
      LOG.error(
          "{}: cutover failed and the source could not be started again (tag {} kept, a rerun"
              + " starts it): {}",
          m.instanceId(),
          MigrationTags.STOPPED_BY,
          e.getMessage());
    }
  }

  /** After {@code --deploy}: the verified new instances run; their downtime to running ends. */
  public void deployed(MigrationRun run, Verification verification) {
    Instant now = Instant.now();
    Set<String> verified =
        verification.rows().stream()
            .filter(r -> "verified".equals(r.get("verification")))
            .map(r -> r.get("source_instance_id"))
            .collect(Collectors.toSet());
    Map<String, InstanceMigration> byId =
        run.migrations().stream()
            .collect(Collectors.toMap(InstanceMigration::instanceId, m -> m, (a, b) -> a));
    verified.forEach(
        id -> {
          InstanceMigration m = byId.get(id);
          if (m != null) {
            m.newInstanceRunning(now);
          }
        });
  }
}
