package dev.ec2migrator.cleanup;

import java.util.ArrayList;
import java.util.List;

/** What cleanup found for a run, and, as it goes, what it deleted and what failed. */
public class CleanupPlan {
  private final String runId;
  private final String scope;
  private final boolean dryRun;
  private final List<CleanupItem> items;
  private final List<CleanupItem> deleted = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  public CleanupPlan(String runId, String scope, boolean dryRun, List<CleanupItem> items) {
    this.runId = runId;
    this.scope = scope;
    this.dryRun = dryRun;
    this.items = List.copyOf(items);
  }

  public String runId() {
    return runId;
  }

  public String scope() {
    return scope;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public List<CleanupItem> items() {
    return items;
  }

  public List<String> listing() {
    return items.stream().map(CleanupItem::line).toList();
  }

  public List<CleanupItem> toDelete(String kind) {
    return items.stream().filter(i -> !i.kept() && i.kind().equals(kind)).toList();
  }

  /** GiB the listed deletions free (snapshots; images and stacks hold none themselves). */
  public long gibToFree() {
    return items.stream().filter(i -> !i.kept()).mapToLong(CleanupItem::gib).sum();
  }

  public synchronized void deleted(CleanupItem item) {
    deleted.add(item);
  }

  public synchronized void failed(String failure) {
    failures.add(failure);
  }

  public synchronized List<CleanupItem> deleted() {
    return List.copyOf(deleted);
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  public long gibFreed() {
    return deleted().stream().mapToLong(CleanupItem::gib).sum();
  }
}
