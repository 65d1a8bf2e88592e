package dev.ec2migrator.monitor;

import java.util.Map;

/**
 * The progress of a migration run ({@code dev.ec2migrator:type=MigrationProgress,run=<runId>}) or
 * of every run of this process ({@code run=all}). Read-only: every attribute is computed when read;
 * maps are open-type tables (Jolokia shows them as JSON objects).
 */
public interface MigrationProgressMXBean {
  String getRunId();

  /** The instance list(s) the run(s) came from. */
  String getSourceFile();

  /** ISO-8601 instant the run was opened. */
  String getStarted();

  /** ISO-8601 instant the run closed, empty while it runs. */
  String getFinished();

  /** running, finished or idle (no run yet). */
  String getState();

  long getElapsedSeconds();

  long getInstancesTotal();

  long getQueued();

  long getDescribing();

  long getQuiescing();

  long getFrozen();

  long getSnapshotPending();

  long getCopying();

  long getRegistering();

  long getDone();

  long getFailed();

  /** Instances per stage (QUEUED ... FAILED). */
  Map<String, Long> getInstancesPerStage();

  /** Hosts quiesced right now. */
  long getFrozenNow();

  /** Instance id to milliseconds it has been frozen so far, for the hosts frozen right now. */
  Map<String, Long> getFrozenNowMs();

  /** The hosts frozen right now, one line each: id, since when, for how long. */
  String[] getFrozenHosts();

  long getSnapshotsPending();

  long getCopiesInFlight();

  /** Bytes copied to the target region so far (completed copies and the progress of the rest). */
  long getBytesCopied();

  /** Bytes of every volume of the described instances. */
  long getBytesToCopy();

  long getApiCalls();

  long getApiThrottled();

  long getApiErrors();

  /** EC2 calls per "region/Action" (SDK attempts, retries included). */
  Map<String, Long> getApiCallsPerAction();

  /** Throttled answers (HTTP 503 / RequestLimitExceeded) per "region/Action". */
  Map<String, Long> getApiThrottledPerAction();

  /** Other error answers per "region/Action". */
  Map<String, Long> getApiErrorsPerAction();

  /** Cutover: hosts stopped for their cutover whose image is not registered yet. */
  long getHostsDownNow();

  /** Cutover: downtime (stop to image registered) of the cut-over hosts, nearest-rank p50, ms. */
  long getDowntimeP50Ms();

  long getDowntimeP99Ms();

  long getDowntimeMaxMs();

  /** Cutover: instance id to its downtime in ms, for every host whose image is registered. */
  Map<String, Long> getDowntimeMs();

  /** The failed instances: when and why, one line each. */
  String[] getFailures();

  /** Seconds until every instance is done at the pace so far; 0 when done, -1 not known yet. */
  long getEtaSeconds();

  /** The ETA as text: "4m", "1h20m", "done", "unknown". */
  String getEta();

  /** ISO-8601 instant the run should end at the pace so far, empty when not known. */
  String getEstimatedEnd();

  /** The progress log's line for this view. */
  String getProgressLine();

  /** Every instance's state as a fixed-width text table (safe to call: reads only). */
  String instanceTable();
}
