package dev.ec2migrator.model;

import dev.ec2migrator.input.InstanceEntry;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one instance's migration, carried through the per-instance route as an exchange
 * property. Maps are keyed by source volume id and kept in device order. It is the one place an
 * instance changes stage: each step calls the named transition (describing, quiescing, frozen,
 * hostReleased, ...), which is why it is longer than the other model classes.
 */
public class InstanceMigration {
  /** The exchange property that carries this object through the per-instance routes. */
  public static final String PROPERTY = "migration";

  private final String runId;
  private final InstanceEntry entry;
  private final String sourceRegion;
  private final String targetRegion;
  private volatile SourceInstance source;
  private final Map<String, String> sourceSnapshots =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, String> targetSnapshots =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile String imageId;
  private volatile Stage stage = Stage.QUEUED;
  private volatile String error;
  private volatile String warning;
  private volatile long frozenMs;
  private volatile Instant frozenSince;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private final AtomicInteger copySlotsHeld = new AtomicInteger();
  private volatile Instant waitDeadline;
  private volatile boolean freezeAttempted;
  private volatile StageListener stageListener;
  private volatile GrubLayout grubLayout;
  private volatile SyncLineage lineage;
  private volatile Instant stoppedAt;
  private volatile Instant imageReadyAt;
  private volatile Instant runningAt;
  private volatile String sourceState;
  private volatile InstanceMigration catchUpOf;

  /** Told of every change of an instance's stage (the run report's timeline is made of these). */
  @FunctionalInterface
  public interface StageListener {
    /** Called on the thread that changed the stage, after the change; must not throw. */
    void stageChanged(InstanceMigration migration, Stage stage);
  }

  public InstanceMigration(
      String runId, InstanceEntry entry, String sourceRegion, String targetRegion) {
    this.runId = runId;
    this.entry = entry;
    this.sourceRegion = sourceRegion;
    this.targetRegion = targetRegion;
  }

  public static InstanceMigration of(org.apache.camel.Exchange exchange) {
    return exchange.getProperty(PROPERTY, InstanceMigration.class);
  }

  public String runId() {
    return runId;
  }

  public String instanceId() {
    return entry.instanceId();
  }

  public InstanceEntry entry() {
    return entry;
  }

  public String sourceRegion() {
    return sourceRegion;
  }

  public String targetRegion() {
    return targetRegion;
  }

  public SourceInstance source() {
    return source;
  }

  /** DescribeInstances is asked about this instance (in a batch of its region). */
  public void describing() {
    enter(Stage.DESCRIBING);
  }

  /** Described and migratable: the instance queues for its host's quiesce. */
  public void describedAs(SourceInstance instance) {
    this.source = instance;
    enter(Stage.QUEUED);
  }

  public Map<String, String> sourceSnapshots() {
    return sourceSnapshots;
  }

  public Map<String, String> targetSnapshots() {
    return targetSnapshots;
  }

  /** CreateSnapshots covers all volumes at once, so any snapshot found means it was called. */
  public boolean needsSnapshots() {
    return sourceSnapshots.isEmpty();
  }

  /** Volumes whose source snapshot has no copy yet, in device order. */
  public List<SourceVolume> volumesToCopy() {
    return source.volumes().stream()
        .filter(v -> !targetSnapshots.containsKey(v.volumeId()))
        .toList();
  }

  public String imageId() {
    return imageId;
  }

  public void imageRegistered(String id) {
    this.imageId = id;
  }

  public Stage stage() {
    return stage;
  }

  /**
   * The one place the stage changes (the named methods around it say when): every change is told to
   * the listener.
   */
  private void enter(Stage next) {
    Stage previous = stage;
    stage = next;
    StageListener listener = stageListener;
    if (listener != null && previous != next) {
      listener.stageChanged(this, next);
    }
  }

  public void onStageChange(StageListener listener) {
    this.stageListener = listener;
  }

  public String error() {
    return error;
  }

  public void failed(String reason) {
    this.error = reason;
    this.finishedAt = Instant.now();
    enter(Stage.FAILED);
    InstanceMigration host = catchUpOf;
    if (host != null) {
      host.failed("catch-up pass before the stop failed: " + reason); // the host's cutover fails
    }
  }

  /**
   * The warm pass a host in cutover makes just before its stop: the same host, under the warm
   * pass's run id and lineage, with snapshot and copy maps of its own. Its failure is the host's.
   */
  public InstanceMigration catchUpPass(String passRunId, SyncLineage passLineage) {
    InstanceMigration pass = new InstanceMigration(passRunId, entry, sourceRegion, targetRegion);
    pass.source = source;
    pass.lineage = passLineage;
    pass.catchUpOf = this;
    return pass;
  }

  /** The host in cutover whose catch-up pass this is, null for any other migration. */
  public InstanceMigration catchUpOf() {
    return catchUpOf;
  }

  public String warning() {
    return warning;
  }

  public void warn(String text) {
    this.warning = warning == null ? text : warning + "; " + text;
  }

  public boolean isFailed() {
    return stage == Stage.FAILED;
  }

  /** The host's quiesce script is started over SSH. */
  public void quiescing() {
    enter(Stage.QUIESCING);
  }

  public void frozen(Instant at) {
    this.frozenSince = at;
    enter(Stage.FROZEN);
  }

  /**
   * The host's quiesce session has ended: the time frozen is added up, and an instance still at its
   * host (quiescing or frozen) goes on to wait for its snapshots.
   */
  public void hostReleased(Instant at) {
    if (frozenSince != null) {
      frozenMs += Math.max(0, at.toEpochMilli() - frozenSince.toEpochMilli());
      frozenSince = null;
    }
    if (stage == Stage.FROZEN || stage == Stage.QUIESCING) {
      enter(Stage.SNAPSHOT_PENDING);
    }
  }

  /**
   * CreateSnapshots has answered: a host still frozen stays FROZEN until it is released (the
   * snapshots' point in time is taken, the thaw comes next); otherwise the snapshots are awaited.
   */
  public void snapshotsCreated() {
    if (frozenSince == null) {
      enter(Stage.SNAPSHOT_PENDING);
    }
  }

  /** The source snapshots are watched until they complete. */
  public void snapshotsPending() {
    enter(Stage.SNAPSHOT_PENDING);
  }

  /** A cross-region copy is requested or watched. */
  public void copying() {
    enter(Stage.COPYING);
  }

  /** RegisterImage is called in the target region. */
  public void registering() {
    enter(Stage.REGISTERING);
  }

  public Instant frozenSince() {
    return frozenSince;
  }

  public long frozenMs() {
    return frozenMs;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public void started() {
    if (startedAt == null) {
      startedAt = Instant.now();
    }
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public void done() {
    this.finishedAt = Instant.now();
    enter(Stage.DONE);
  }

  /** Copy slots (copies in flight in the target region) this instance holds. */
  public AtomicInteger copySlotsHeld() {
    return copySlotsHeld;
  }

  /** True from sending a freeze until a thaw is confirmed: the host may be quiesced. */
  public boolean freezeAttempted() {
    return freezeAttempted;
  }

  public void freezeAttempted(boolean value) {
    this.freezeAttempted = value;
  }

  public Instant waitDeadline() {
    return waitDeadline;
  }

  public void waitUntil(Instant deadline) {
    this.waitDeadline = deadline;
  }

  /** A paravirtual host's PV-GRUB layout as its menu.lst shows it; null until read. */
  public GrubLayout grubLayout() {
    return grubLayout;
  }

  public void grubLayout(GrubLayout layout) {
    this.grubLayout = layout;
  }

  /** The sync run and pass of a two-phase migration; null for a one-pass migration. */
  public SyncLineage lineage() {
    return lineage;
  }

  public void lineage(SyncLineage value) {
    this.lineage = value;
  }

  /** In the cutover phase: its copies go before warm ones. */
  public boolean inCutover() {
    SyncLineage l = lineage;
    return l != null && l.cutover();
  }

  /** The cutover stopped the instance (its downtime starts); kept from the first call on. */
  public void stoppedForCutover(Instant at) {
    if (stoppedAt == null) {
      stoppedAt = at;
    }
  }

  public Instant stoppedAt() {
    return stoppedAt;
  }

  /** The image of a cut-over instance is registered: the end of its downtime to image. */
  public void imageReady(Instant at) {
    if (imageReadyAt == null) {
      imageReadyAt = at;
    }
  }

  public Instant imageReadyAt() {
    return imageReadyAt;
  }

  /** The new instance of a deployed cutover is running and verified. */
  public void newInstanceRunning(Instant at) {
    if (runningAt == null) {
      runningAt = at;
    }
  }

  public Instant runningAt() {
    return runningAt;
  }

  /** Stop to image registered (ms), or -1 when the host was not (yet) stopped and cut over. */
  public long downtimeMs() {
    return between(stoppedAt, imageReadyAt);
  }

  /** Stop to new instance running (ms), or -1 when not deployed. */
  public long downtimeToRunningMs() {
    return between(stoppedAt, runningAt);
  }

  /** Still down now: stopped by the cutover, its image not yet registered, not failed. */
  public boolean downNow() {
    return stoppedAt != null && imageReadyAt == null && stage != Stage.FAILED;
  }

  private static long between(Instant from, Instant to) {
    return from == null || to == null ? -1 : Math.max(0, to.toEpochMilli() - from.toEpochMilli());
  }

  /** What the cutover left the source as: stopped (cut over), started again (rollback), ... */
  public String sourceState() {
    return sourceState;
  }

  public void sourceState(String value) {
    this.sourceState = value;
  }

  @Override
  public String toString() {
    return "InstanceMigration[" + instanceId() + " " + stage + "]";
  }
}
