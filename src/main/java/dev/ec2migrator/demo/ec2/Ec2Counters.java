package dev.ec2migrator.demo.ec2;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls, throttled calls and error answers per region and action, and the total of mutating calls
 * (every action that is not a Describe*). Throttled and error answers are also counted as calls.
 * Also the data snapshots stored and copies carried (GiB, per region and per source volume), how
 * many of them were full or incremental, and how many were made per volume (a snapshot or copy
 * deleted later still counts), counted when the call is accepted (a copy that fails on its KMS key
 * is not counted).
 */
public final class Ec2Counters {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder mutatingCalls = new LongAdder();
  private final Map<String, DoubleAdder> gib = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> made = new ConcurrentHashMap<>();

  void recordCall(String region, String action) {
    add(region, action, "calls");
    if (!ActionClass.isDescribe(action)) {
      mutatingCalls.increment();
    }
  }

  void recordDryRun(String region, String action) {
    add(region, action, "dryrun");
  }

  void recordThrottled(String region, String action) {
    add(region, action, "throttled");
  }

  void recordError(String region, String action, String code) {
    add(region, action, "errors");
    add(region, action, "error:" + code);
  }

  private void add(String region, String action, String kind) {
    counts.computeIfAbsent(region + "/" + action + "/" + kind, k -> new LongAdder()).increment();
  }

  private long get(String region, String action, String kind) {
    LongAdder a = counts.get(region + "/" + action + "/" + kind);
    return a == null ? 0 : a.sum();
  }

  public long calls(String region, String action) {
    return get(region, action, "calls");
  }

  public long throttled(String region, String action) {
    return get(region, action, "throttled");
  }

  /** Calls of the action with DryRun=true (not counted as calls: they make nothing). */
  public long dryRuns(String region, String action) {
    return get(region, action, "dryrun");
  }

  public long errors(String region, String action) {
    return get(region, action, "errors");
  }

  /** One kind of counter (calls, throttled, errors) summed over regions, by action. */
  public Map<String, Long> byAction(String kind) {
    return grouped(kind, 1);
  }

  /** One kind of counter of one action, by region. */
  public Map<String, Long> byRegion(String action, String kind) {
    Map<String, Long> out = new TreeMap<>();
    grouped(kind, 0).keySet().forEach(region -> out.put(region, get(region, action, kind)));
    out.values().removeIf(n -> n == 0);
    return out;
  }

  /** One kind of counter summed over regions and actions. */
  public long total(String kind) {
    return grouped(kind, 1).values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<String, Long> grouped(String kind, int part) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("/");
          if (parts.length == 3 && parts[2].equals(kind)) {
            out.merge(parts[part], n.sum(), Long::sum);
          }
        });
    return out;
  }

  /** Calls refused with the given error code, all regions and actions. */
  public long errorsWithCode(String code) {
    String suffix = "/error:" + code;
    long n = 0;
    for (var e : counts.entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        n += e.getValue().sum();
      }
    }
    return n;
  }

  public long mutatingCalls() {
    return mutatingCalls.sum();
  }

  /** Every counter as "region/action/kind" (kind: calls, throttled, errors, error:Code), sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  void recordSnapshotData(String region, String volumeId, double dataGib, boolean incremental) {
    recordData(region, "snapshot", volumeId, dataGib, incremental);
  }

  void recordCopyData(String region, String sourceVolumeId, double dataGib, boolean incremental) {
    recordData(region, "copy", sourceVolumeId, dataGib, incremental);
  }

  private void recordData(
      String region, String what, String volumeId, double dataGib, boolean incremental) {
    String key = region + "/" + what;
    gib.computeIfAbsent(key, k -> new DoubleAdder()).add(dataGib);
    gib.computeIfAbsent(key + "/" + volumeId, k -> new DoubleAdder()).add(dataGib);
    made.computeIfAbsent(key + (incremental ? "/incremental" : "/full"), k -> new LongAdder())
        .increment();
    made.computeIfAbsent(key + "/" + volumeId, k -> new LongAdder()).increment();
  }

  private double gib(String key) {
    DoubleAdder a = gib.get(key);
    return a == null ? 0 : a.sum();
  }

  private long made(String key) {
    LongAdder a = made.get(key);
    return a == null ? 0 : a.sum();
  }

  /** GiB stored by the snapshots created in the region (CreateSnapshot and CreateSnapshots). */
  public double snapshotGib(String region) {
    return gib(region + "/snapshot");
  }

  /** GiB stored by the snapshots of one volume of the region. */
  public double snapshotGib(String region, String volumeId) {
    return gib(region + "/snapshot/" + volumeId);
  }

  /** GiB carried by the copies into the region (CopySnapshot, the destination region). */
  public double copyGib(String region) {
    return gib(region + "/copy");
  }

  /** GiB carried into the region by the copies of snapshots of one source volume. */
  public double copyGib(String region, String sourceVolumeId) {
    return gib(region + "/copy/" + sourceVolumeId);
  }

  /** Snapshots made of one volume of the region, deleted ones included. */
  public long snapshotsMade(String region, String volumeId) {
    return made(region + "/snapshot/" + volumeId);
  }

  /** Copies made into the region of snapshots of one source volume, deleted ones included. */
  public long copiesMade(String region, String sourceVolumeId) {
    return made(region + "/copy/" + sourceVolumeId);
  }

  /** Snapshots of the region that stored their volume's whole data (no earlier snapshot). */
  public long fullSnapshots(String region) {
    return made(region + "/snapshot/full");
  }

  /** Snapshots of the region that stored only what changed since an earlier one. */
  public long incrementalSnapshots(String region) {
    return made(region + "/snapshot/incremental");
  }

  /** Copies into the region that carried their volume's whole data. */
  public long fullCopies(String region) {
    return made(region + "/copy/full");
  }

  /** Copies into the region that carried only what changed since the previous copy. */
  public long incrementalCopies(String region) {
    return made(region + "/copy/incremental");
  }

  public void reset() {
    counts.clear();
    mutatingCalls.reset();
    gib.clear();
    made.clear();
  }
}
