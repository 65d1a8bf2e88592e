package dev.ec2migrator.cloudformation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The results CSV's columns, in the order the pipeline writes them: the one definition the writer
 * ({@code output.ResultRows}), its header and the reader ({@link ResultsCsvReader}) share.
 */
public enum ResultColumn {
  RUN_ID,
  SOURCE_REGION,
  SOURCE_INSTANCE_ID,
  INSTANCE_NAME,
  INSTANCE_TYPE,
  SOURCE_SUBNET_ID,
  SOURCE_AZ,
  PRIVATE_IP,
  DEVICE,
  IS_ROOT,
  SOURCE_VOLUME_ID,
  VOLUME_SIZE_GIB,
  VOLUME_TYPE,
  IOPS,
  THROUGHPUT,
  SOURCE_SNAPSHOT_ID,
  TARGET_REGION,
  TARGET_SNAPSHOT_ID,
  TARGET_IMAGE_ID,
  STATUS,
  ERROR,
  FROZEN_MS,
  STARTED_AT,
  FINISHED_AT,
  /** Optional, last: the list's target_subnet_id, the default of its source subnet's parameter. */
  TARGET_SUBNET_ID,
  /** Cutover: ms from the host's stop to its image registered; empty when not cut over. */
  DOWNTIME_MS,
  /** Cutover with --deploy: ms from the host's stop to its new instance verified running. */
  DOWNTIME_TO_RUNNING_MS,
  /** Cutover: what the source was left as (stopped, started again by the rollback, ...). */
  SOURCE_STATE;

  /** Columns a hand-made or older CSV may leave out (read as empty). */
  public boolean optional() {
    return ordinal() >= TARGET_SUBNET_ID.ordinal();
  }

  public String header() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The header record: every column's name, in order. */
  public static List<String> headers() {
    return Arrays.stream(values()).map(ResultColumn::header).toList();
  }
}
