package dev.ec2migrator.output;

import dev.ec2migrator.cloudformation.ResultColumn;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.SourceVolume;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The results CSV's records: the header, then one per volume (one per instance that failed before
 * describe), each cell taken for its {@link ResultColumn}.
 */
public class ResultRows {

  /** The header record, then the rows, for the csv data format to print as they come. */
  public List<List<String>> records(MigrationRun run) {
    List<List<String>> records = new ArrayList<>();
    records.add(ResultColumn.headers());
    for (InstanceMigration m : run.migrations()) {
      SourceInstance source = m.source();
      if (source == null || source.volumes().isEmpty()) {
        records.add(row(m, null));
      } else {
        source.volumes().forEach(v -> records.add(row(m, v)));
      }
    }
    return records;
  }

  private static List<String> row(InstanceMigration m, SourceVolume v) {
    List<String> row = new ArrayList<>();
    for (ResultColumn column : ResultColumn.values()) {
      // every cell passes the spreadsheet guard: a tag may start with '=' or '@'
      row.add(SpreadsheetSafe.escape(Objects.requireNonNullElse(cell(column, m, v), "")));
    }
    return row;
  }

  private static String cell(ResultColumn column, InstanceMigration m, SourceVolume v) {
    boolean migrated = m.stage() == Stage.DONE;
    return switch (column) {
      case RUN_ID -> m.runId();
      case SOURCE_REGION -> m.sourceRegion();
      case SOURCE_INSTANCE_ID -> m.instanceId();
      case INSTANCE_NAME -> ofSource(m, SourceInstance::name);
      case INSTANCE_TYPE -> ofSource(m, SourceInstance::instanceType);
      case SOURCE_SUBNET_ID -> ofSource(m, SourceInstance::subnetId);
      case SOURCE_AZ -> ofSource(m, SourceInstance::availabilityZone);
      case PRIVATE_IP -> ofSource(m, SourceInstance::privateIp);
      case DEVICE -> ofVolume(v, SourceVolume::device);
      case IS_ROOT -> ofVolume(v, SourceVolume::root);
      case SOURCE_VOLUME_ID -> ofVolume(v, SourceVolume::volumeId);
      case VOLUME_SIZE_GIB -> ofVolume(v, SourceVolume::sizeGib);
      case VOLUME_TYPE -> ofVolume(v, SourceVolume::volumeType);
      case IOPS -> ofVolume(v, SourceVolume::iops);
      case THROUGHPUT -> ofVolume(v, SourceVolume::throughput);
      case SOURCE_SNAPSHOT_ID -> ofVolume(v, vol -> m.sourceSnapshots().get(vol.volumeId()));
      case TARGET_REGION -> m.targetRegion();
      case TARGET_SNAPSHOT_ID -> ofVolume(v, vol -> m.targetSnapshots().get(vol.volumeId()));
      case TARGET_IMAGE_ID -> m.imageId();
      case STATUS ->
          migrated ? (m.lineage() != null && !m.inCutover() ? "SYNCED" : "MIGRATED") : "FAILED";
      case ERROR -> migrated ? m.warning() : Objects.requireNonNullElse(m.error(), "not finished");
      case FROZEN_MS -> String.valueOf(m.frozenMs());
      case STARTED_AT -> Objects.toString(m.startedAt(), "");
      case FINISHED_AT -> Objects.toString(m.finishedAt(), "");
      case TARGET_SUBNET_ID -> m.entry().targetSubnetId();
      case DOWNTIME_MS -> m.downtimeMs() < 0 ? "" : String.valueOf(m.downtimeMs());
      case DOWNTIME_TO_RUNNING_MS ->
          m.downtimeToRunningMs() < 0 ? "" : String.valueOf(m.downtimeToRunningMs());
      case SOURCE_STATE -> m.sourceState();
    };
  }

  private static String ofSource(InstanceMigration m, Function<SourceInstance, String> value) {
    return m.source() == null ? "" : value.apply(m.source());
  }

  /** A volume's value, empty on the row of an instance without volumes or when not known. */
  private static String ofVolume(SourceVolume v, Function<SourceVolume, Object> value) {
    return v == null ? "" : Objects.toString(value.apply(v), "");
  }
}
