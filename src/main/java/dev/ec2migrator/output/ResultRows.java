package dev.ec2migrator.output;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results CSV: one row per volume (one row per instance that failed before describe). */
public class ResultRows {
  public static final List<String> COLUMNS =
      List.of(
          "run_id",
          "source_region",
          "source_instance_id",
          "instance_name",
          "instance_type",
          "source_subnet_id",
          "source_az",
          "private_ip",
          "device",
          "is_root",
          "source_volume_id",
          "volume_size_gib",
          "volume_type",
          "iops",
          "throughput",
          "source_snapshot_id",
          "target_region",
          "target_snapshot_id",
          "target_image_id",
          "status",
          "error",
          "frozen_ms",
          "started_at",
          "finished_at",
          "target_subnet_id");

  public static String header() {
    return String.join(",", COLUMNS);
  }

  public List<Map<String, String>> rows(MigrationRun run) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (InstanceMigration m : run.migrations()) {
      SourceInstance source = m.source();
      if (source == null || source.volumes().isEmpty()) {
        rows.add(row(m, null));
      } else {
        source.volumes().forEach(v -> rows.add(row(m, v)));
      }
    }
    return rows;
  }

  private static Map<String, String> row(InstanceMigration m, SourceVolume v) {
    SourceInstance s = m.source();
    boolean migrated = m.stage() == Stage.DONE;
    Map<String, String> row = new LinkedHashMap<>();
    put(row, "run_id", m.runId());
    put(row, "source_region", m.sourceRegion());
    put(row, "source_instance_id", m.instanceId());
    put(row, "instance_name", s == null ? "" : s.name());
    put(row, "instance_type", s == null ? "" : s.instanceType());
    put(row, "source_subnet_id", s == null ? "" : s.subnetId());
    put(row, "source_az", s == null ? "" : s.availabilityZone());
    put(row, "private_ip", s == null ? "" : s.privateIp());
    put(row, "device", v == null ? "" : v.device());
    put(row, "is_root", v == null ? "" : String.valueOf(v.root()));
    put(row, "source_volume_id", v == null ? "" : v.volumeId());
    put(row, "volume_size_gib", v == null ? "" : String.valueOf(v.sizeGib()));
    put(row, "volume_type", v == null ? "" : v.volumeType());
    put(row, "iops", v == null || v.iops() == null ? "" : String.valueOf(v.iops()));
    put(
        row,
        "throughput",
        v == null || v.throughput() == null ? "" : String.valueOf(v.throughput()));
    put(row, "source_snapshot_id", v == null ? "" : m.sourceSnapshots().get(v.volumeId()));
    put(row, "target_region", m.targetRegion());
    put(row, "target_snapshot_id", v == null ? "" : m.targetSnapshots().get(v.volumeId()));
    put(row, "target_image_id", m.imageId());
    put(row, "status", migrated ? "MIGRATED" : "FAILED");
    put(row, "error", migrated ? m.warning() : (m.error() == null ? "not finished" : m.error()));
    put(row, "frozen_ms", String.valueOf(m.frozenMs()));
    put(row, "started_at", m.startedAt() == null ? "" : m.startedAt().toString());
    put(row, "finished_at", m.finishedAt() == null ? "" : m.finishedAt().toString());
    put(row, "target_subnet_id", m.entry().targetSubnetId());
    return row;
  }

  /** Every cell passes the spreadsheet guard: a tag may start with '=' or '@'. */
  private static void put(Map<String, String> row, String column, String value) {
    row.put(column, SpreadsheetSafe.escape(value == null ? "" : value));
  }
}
