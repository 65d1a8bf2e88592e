package dev.ec2migrator.preflight;

import dev.ec2migrator.model.InstanceMigration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The preflight's answer for one instance: READY when no check found anything, else NOT READY with
 * every finding. Notes (e.g. "will wait unfrozen") do not stop an instance.
 */
public record Verdict(InstanceMigration migration, List<Finding> findings, String notes) {

  public boolean ready() {
    return findings.isEmpty();
  }

  public String status() {
    return ready() ? "READY" : "NOT READY";
  }

  /** Every finding as "check: reason", separated by "; ". */
  public String reasons() {
    return findings.stream().map(Finding::text).collect(Collectors.joining("; "));
  }
}
