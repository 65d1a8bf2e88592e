package dev.ec2migrator.cloudformation;

import static dev.ec2migrator.cloudformation.ResultColumn.DEVICE;
import static dev.ec2migrator.cloudformation.ResultColumn.IOPS;
import static dev.ec2migrator.cloudformation.ResultColumn.SOURCE_VOLUME_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.TARGET_SNAPSHOT_ID;
import static dev.ec2migrator.cloudformation.ResultColumn.THROUGHPUT;
import static dev.ec2migrator.cloudformation.ResultColumn.VOLUME_SIZE_GIB;
import static dev.ec2migrator.cloudformation.ResultColumn.VOLUME_TYPE;

/**
 * A data volume to create from its copied snapshot at its source device when the instance launches.
 * Optional values are null when the CSV leaves them empty or the volume type does not take them.
 */
public record VolumePlan(
    YamlString sourceVolumeId,
    YamlString snapshotId,
    YamlString device,
    YamlString volumeType,
    YamlString size,
    YamlString iops,
    YamlString throughput) {

  public static VolumePlan fromRow(ResultRow row) {
    String volumeId = AwsIdFormat.VOLUME.check(row, SOURCE_VOLUME_ID);
    String type = CellFormat.VOLUME_TYPE.checkOptional(row, VOLUME_TYPE);
    String iops = CellFormat.POSITIVE_INTEGER.checkOptional(row, IOPS);
    String throughput = CellFormat.POSITIVE_INTEGER.checkOptional(row, THROUGHPUT);
    // DescribeVolumes reports a baseline Iops for gp2 too, but CloudFormation rejects Iops on
    // anything but io1/io2/gp3 and Throughput on anything but gp3
    boolean takesIops = "io1".equals(type) || "io2".equals(type) || "gp3".equals(type);
    boolean takesThroughput = "gp3".equals(type);
    return new VolumePlan(
        YamlString.of(volumeId),
        YamlString.of(AwsIdFormat.SNAPSHOT.check(row, TARGET_SNAPSHOT_ID)),
        YamlString.of(CellFormat.DEVICE.check(row, DEVICE)),
        optional(type),
        optional(CellFormat.POSITIVE_INTEGER.checkOptional(row, VOLUME_SIZE_GIB)),
        takesIops ? optional(iops) : null,
        takesThroughput ? optional(throughput) : null);
  }

  private static YamlString optional(String value) {
    return value == null ? null : YamlString.of(value);
  }
}
