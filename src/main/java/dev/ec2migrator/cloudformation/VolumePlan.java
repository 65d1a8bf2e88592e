package dev.ec2migrator.cloudformation;

/**
 * A data volume to create from its copied snapshot and attach at its source device. Optional values
 * are null when the CSV leaves them empty or the volume type does not take them.
 */
public record VolumePlan(
    String logicalId,
    String attachmentLogicalId,
    YamlString sourceVolumeId,
    YamlString snapshotId,
    YamlString device,
    YamlString volumeType,
    YamlString size,
    YamlString iops,
    YamlString throughput) {}
