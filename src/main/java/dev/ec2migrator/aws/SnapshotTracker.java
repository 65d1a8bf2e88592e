package dev.ec2migrator.aws;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Knows the state of every snapshot and copy of the active runs. One DescribeSnapshots per region
 * per poll interval answers every waiting instance: by id while few are watched (the usual case:
 * copies are at most 20 per region), else by run tag and status pending or error, paginated, with a
 * snapshot that leaves that list confirmed once by id before it counts as completed, because a
 * brand-new snapshot may not be listed yet (EC2 is eventually consistent). Waiting instances look
 * again just after the next poll, since nothing they wait for changes in between.
 *
 * <p>Over 250 lines on purpose: watching, resuming (what a run already made, found by its tags) and
 * forgetting a finished run all read and write the same map of what was last seen.
 */
public class SnapshotTracker {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotTracker.class);

  /** What we last saw of a snapshot. */
  public record Seen(
      String id,
      String region,
      SnapshotState state,
      String progress,
      Map<String, String> tags,
      String volumeId,
      int sizeGib) {}

  private final Ec2Describes describes;
  private final Duration snapshotTimeout;
  private final Duration copyTimeout;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> watched = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> imagesByName = new ConcurrentHashMap<>();
  private final Set<String> activeRuns = ConcurrentHashMap.newKeySet();
  private final long pollIntervalMs;
  private volatile long lastPollStartNanos = System.nanoTime();
  private volatile long lastPollNanos;
  private volatile boolean pollUnanswered;

  /**
   * @param pollIntervalMs the period of the poll-snapshot-states timer (migrator.poll.interval)
   */
  public SnapshotTracker(
      Ec2Describes describes, Duration snapshotTimeout, Duration copyTimeout, long pollIntervalMs) {
    this.describes = describes;
    this.snapshotTimeout = snapshotTimeout;
    this.copyTimeout = copyTimeout;
    this.pollIntervalMs = pollIntervalMs;
  }

  /** Loads what a run already made (resume after a crash) in its source and target regions. */
  public void loadRun(
      String runId, Collection<String> sourceRegions, Collection<String> targetRegions) {
    activeRuns.add(runId);
    Set<String> regions = new HashSet<>(sourceRegions);
    regions.addAll(targetRegions);
    for (String region : regions) {
      for (Snapshot s : describes.describeRunSnapshots(region, List.of(runId), List.of())) {
        remember(region, s);
      }
    }
    for (String region : targetRegions) {
      for (Image image : describes.describeRunImages(region, runId)) {
        imagesByName
            .computeIfAbsent(region, r -> new ConcurrentHashMap<>())
            .put(image.name(), image.imageId());
      }
    }
  }

  /**
   * Forgets what a finished run made: a service runs list after list, and what it knew of each
   * would otherwise stay (about 40,000 entries for 10,000 two-volume hosts). A rerun of the same
   * list loads it again from EC2 ({@link #loadRun}).
   */
  public void runFinished(String runId, Collection<InstanceMigration> migrations) {
    activeRuns.remove(runId);
    for (InstanceMigration m : migrations) {
      for (String id : m.sourceSnapshots().values()) {
        forget(m.sourceRegion(), id);
      }
      for (String id : m.targetSnapshots().values()) {
        forget(m.targetRegion(), id);
      }
    }
    seen.values().removeIf(s -> runId.equals(s.tags().get(MigrationTags.RUN)));
    String prefix = MigrationTags.imageNamePrefix(runId);
    imagesByName.values().forEach(names -> names.keySet().removeIf(n -> n.startsWith(prefix)));
  }

  /**
   * Forgets what an instance (or a cutover's catch-up pass) made once its copies are done: a
   * cutover of 1000 hosts runs for hours, and what the tracker knew of each finished host would
   * otherwise stay until the run closes. The ids stay in the instance's own maps; a wait started
   * again watches them anew.
   */
  public void instanceFinished(InstanceMigration m) {
    for (String id : m.sourceSnapshots().values()) {
      forget(m.sourceRegion(), id);
    }
    for (String id : m.targetSnapshots().values()) {
      forget(m.targetRegion(), id);
    }
  }

  private void forget(String region, String id) {
    seen.remove(id);
    Set<String> ids = watched.get(region);
    if (ids != null) {
      ids.remove(id);
    }
  }

  /** Snapshots and copies known now, of every run (what a finished run made is forgotten). */
  public int knownCount() {
    return seen.size();
  }

  /**
   * Fills in what an earlier attempt of this run already made for the instance, so nothing is
   * created twice. Snapshots in state error are ignored (they will be made again).
   */
  public void resume(InstanceMigration m) {
    for (Seen s : seen.values()) {
      if (!m.runId().equals(s.tags().get(MigrationTags.RUN))
          || !m.instanceId().equals(s.tags().get(MigrationTags.SOURCE_INSTANCE))
          || s.state() == SnapshotState.ERROR) {
        continue;
      }
      String sourceVolume = s.tags().get(MigrationTags.SOURCE_VOLUME);
      if (s.region().equals(m.targetRegion()) && sourceVolume != null) {
        m.targetSnapshots().put(sourceVolume, s.id());
        watchIfPending(s);
      } else if (s.region().equals(m.sourceRegion()) && sourceVolume == null) {
        m.sourceSnapshots().put(s.volumeId(), s.id());
        watchIfPending(s);
      }
    }
    String image =
        imagesByName.getOrDefault(m.targetRegion(), Map.of()).get(MigrationTags.imageName(m));
    if (image != null) {
      m.imageRegistered(image);
    }
  }

  private void watchIfPending(Seen s) {
    if (s.state() == SnapshotState.PENDING) {
      watched.computeIfAbsent(s.region(), r -> ConcurrentHashMap.newKeySet()).add(s.id());
    }
  }

  /** Starts watching the instance's snapshots; the wait fails after the snapshot timeout. */
  public void watchSnapshots(InstanceMigration m) {
    watch(m, false);
  }

  /** Starts watching the instance's copies; the wait fails after the copy timeout. */
  public void watchCopies(InstanceMigration m) {
    watch(m, true);
  }

  /** True while a snapshot of the instance is pending; throws on error or past the deadline. */
  public boolean waitingForSnapshots(InstanceMigration m) {
    return waiting(m, false);
  }

  /** True while a copy of the instance is pending; throws on error or past the deadline. */
  public boolean waitingForCopies(InstanceMigration m) {
    return waiting(m, true);
  }

  private void watch(InstanceMigration m, boolean copies) {
    Duration timeout = copies ? copyTimeout : snapshotTimeout;
    String region = copies ? m.targetRegion() : m.sourceRegion();
    Collection<String> ids = copies ? m.targetSnapshots().values() : m.sourceSnapshots().values();
    for (String id : ids) {
      watchOne(region, id);
    }
    m.waitUntil(Instant.now().plus(timeout));
    if (copies) {
      m.copying();
    } else {
      m.snapshotsPending();
    }
  }

  /** Starts watching one snapshot or copy unless it is known to have ended. */
  public void watchOne(String region, String id) {
    Seen known = seen.get(id);
    if (known == null || known.state() == SnapshotState.PENDING) {
      seen.putIfAbsent(id, new Seen(id, region, SnapshotState.PENDING, "0%", Map.of(), null, 0));
      watched.computeIfAbsent(region, r -> ConcurrentHashMap.newKeySet()).add(id);
    }
  }

  /**
   * True while some snapshot (or copy) of the instance is still pending. Throws when one ended in
   * error or the wait passed its deadline.
   */
  private boolean waiting(InstanceMigration m, boolean copies) {
    Collection<String> ids = copies ? m.targetSnapshots().values() : m.sourceSnapshots().values();
    boolean pending = false;
    for (String id : ids) {
      Seen s = seen.get(id);
      SnapshotState state = s == null ? SnapshotState.PENDING : s.state();
      if (state == SnapshotState.ERROR) {
        throw new MigrationException(
            m.instanceId(),
            copies ? "CopySnapshot" : "CreateSnapshots",
            "SnapshotError",
            "snapshot " + id + " ended in state error");
      }
      pending |= state != SnapshotState.COMPLETED;
    }
    if (pending && m.waitDeadline() != null && Instant.now().isAfter(m.waitDeadline())) {
      throw new MigrationException(
          m.instanceId(),
          copies ? "CopySnapshot" : "CreateSnapshots",
          "Timeout",
          (copies ? "copies " : "snapshots ") + pendingIds(ids) + " still pending at the deadline");
    }
    return pending;
  }

  /**
   * Looks again, with one call, for snapshots this run already made of the instance: before a
   * CreateSnapshots is retried, since a failed call may still have created them.
   */
  public void recheck(InstanceMigration m) {
    for (Snapshot s :
        describes.describeInstanceSnapshots(m.sourceRegion(), m.runId(), m.instanceId())) {
      remember(m.sourceRegion(), s);
    }
    resume(m);
  }

  /**
   * The same for copies, before the copy step is retried: a CopySnapshot whose answer was lost (a
   * 5xx or a dropped connection after EC2 made the copy) has a tagged copy in the target region.
   */
  public void recheckCopies(InstanceMigration m) {
    for (Snapshot s :
        describes.describeInstanceSnapshots(m.targetRegion(), m.runId(), m.instanceId())) {
      remember(m.targetRegion(), s);
    }
    resume(m);
  }

  /** How many of the instance's copies are still pending (copy slots are released as they end). */
  public int pendingCopies(InstanceMigration m) {
    int n = 0;
    for (String id : m.targetSnapshots().values()) {
      Seen s = seen.get(id);
      if (s == null || s.state() == SnapshotState.PENDING) {
        n++;
      }
    }
    return n;
  }

  private List<String> pendingIds(Collection<String> ids) {
    List<String> pending = new ArrayList<>();
    for (String id : ids) {
      Seen s = seen.get(id);
      if (s == null || s.state() != SnapshotState.COMPLETED) {
        pending.add(id);
      }
    }
    return pending;
  }

  /** One poll: called by the poll-snapshot-states route every interval. */
  public void refresh() {
    long start = System.nanoTime();
    lastPollStartNanos = start;
    pollUnanswered = true;
    if (activeRuns.isEmpty()) {
      return;
    }
    for (var entry : watched.entrySet()) {
      String region = entry.getKey();
      Set<String> ids = entry.getValue();
      if (ids.isEmpty()) {
        continue;
      }
      try {
        if (ids.size() <= Ec2Requests.FILTER_VALUES) {
          describes
              .describeSnapshotsById(region, List.copyOf(ids))
              .forEach(s -> remember(region, s));
        } else {
          Set<String> listed = new HashSet<>();
          for (Snapshot s :
              describes.describeRunSnapshots(
                  region, activeRuns, List.of(SnapshotState.PENDING, SnapshotState.ERROR))) {
            remember(region, s);
            listed.add(s.snapshotId());
          }
          List<String> gone = ids.stream().filter(id -> !listed.contains(id)).toList();
          if (!gone.isEmpty()) {
            describes.describeSnapshotsById(region, gone).forEach(s -> remember(region, s));
          }
        }
        ids.removeIf(
            id -> {
              Seen s = seen.get(id);
              return s != null && s.state() != SnapshotState.PENDING;
            });
      } catch (RuntimeException e) {
        // the next interval tries again; waiting instances keep their deadline
        LOG.warn("Polling snapshots in {} failed: {}", region, e.getMessage());
      }
    }
  }

  /**
   * The poll and what follows it (the copy slots of ended copies given back) are over: an instance
   * that looks now sees everything this poll learnt.
   */
  public void answered() {
    lastPollNanos = System.nanoTime() - lastPollStartNanos;
    pollUnanswered = false;
  }

  /**
   * Milliseconds until just after the next poll has answered: while a poll is under way, just after
   * it ends (a look before its answer would wait a whole interval more); otherwise the timer starts
   * one every interval after the last one started, and it takes about as long as the last one took.
   */
  public long untilNextPoll() {
    long now = System.nanoTime();
    long start = lastPollStartNanos;
    long interval = pollIntervalMs * 1_000_000L;
    boolean underWay = pollUnanswered && now - start < interval;
    long next = underWay ? start + lastPollNanos : start + interval + lastPollNanos;
    long ms = (next - now) / 1_000_000L + 2;
    return Math.max(1, Math.min(ms, pollIntervalMs * 2));
  }

  public long pollIntervalMs() {
    return pollIntervalMs;
  }

  private void remember(String region, Snapshot s) {
    Map<String, String> tags = new java.util.HashMap<>();
    for (Tag t : s.tags()) {
      tags.put(t.key(), t.value());
    }
    seen.put(
        s.snapshotId(),
        new Seen(
            s.snapshotId(),
            region,
            s.state(),
            s.progress(),
            tags,
            s.volumeId(),
            s.volumeSize() == null ? 0 : s.volumeSize()));
  }

  /** Snapshots and copies being waited for now, all regions. */
  public int watchedCount() {
    return watched.values().stream().mapToInt(Set::size).sum();
  }

  public Seen seen(String snapshotId) {
    return seen.get(snapshotId);
  }
}
