package dev.ec2migrator.deploy;

import dev.ec2migrator.cloudformation.SkippedInstance;
import dev.ec2migrator.output.SpreadsheetSafe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The new instances of a deployed run, verified one poll at a time until all are decided. */
public class Verification {
  /** The columns of outbox/&lt;run&gt;.instances.csv. */
  public static final String HEADER =
      "source_instance_id,new_instance_id,source_private_ip,new_private_ip,subnet_id,"
          + "availability_zone,image_id,verification";

  private final DeployPlan plan;
  private final List<DeployedInstance> instances;
  private final long deadlineNanos;
  private String instancesCsv = "";

  Verification(DeployPlan plan, List<DeployedInstance> instances, long deadlineNanos) {
    this.plan = plan;
    this.instances = instances;
    this.deadlineNanos = deadlineNanos;
  }

  public String runId() {
    return plan.runId();
  }

  public String region() {
    return plan.region();
  }

  /** Where the route wrote outbox/&lt;run&gt;.instances.csv. */
  public String instancesCsv() {
    return instancesCsv;
  }

  void instancesCsvWritten(String file) {
    this.instancesCsv = file;
  }

  List<DeployedInstance> instances() {
    return instances;
  }

  boolean pastDeadline() {
    return System.nanoTime() - deadlineNanos > 0;
  }

  /** True while some instance is neither verified nor failed, and there is time left. */
  public boolean pending() {
    return instances.stream().anyMatch(i -> !i.done());
  }

  public long verifiedCount() {
    return instances.stream().filter(DeployedInstance::isVerified).count();
  }

  public int deployedCount() {
    return instances.size();
  }

  public boolean allVerified() {
    return verifiedCount() == instances.size();
  }

  /** One row per source instance: the deployed ones, then those the run could not recreate. */
  public List<Map<String, String>> rows() {
    List<Map<String, String>> rows = new ArrayList<>();
    for (DeployedInstance i : instances) {
      rows.add(
          row(
              i.source().sourceInstanceId(),
              i.newInstanceId(),
              i.source().privateIp() == null ? "" : i.source().privateIp().value(),
              i.newPrivateIp(),
              i.subnetId(),
              i.availabilityZone(),
              i.imageId(),
              i.result()));
    }
    for (SkippedInstance s : plan.fleet().skipped()) {
      rows.add(
          row(s.sourceInstanceId(), "", "", "", "", "", "", "not deployed: " + s.reason().value()));
    }
    return rows;
  }

  /** The lines a person reads: the instances not verified, with why. */
  public List<String> problems() {
    return instances.stream()
        .filter(i -> !i.isVerified())
        .map(i -> i.source().sourceInstanceId() + " -> " + i.newInstanceId() + ": " + i.result())
        .toList();
  }

  private static Map<String, String> row(String... cells) {
    String[] names = HEADER.split(",");
    Map<String, String> row = new LinkedHashMap<>();
    for (int c = 0; c < names.length; c++) {
      row.put(names[c], SpreadsheetSafe.escape(cells[c] == null ? "" : cells[c]));
    }
    return row;
  }
}
