package dev.ec2migrator.model;

import java.util.Map;

/**
 * An EBS volume attached to a source instance, as DescribeVolumes reported it (DeleteOnTermination
 * from the instance's block device mapping).
 */
public record SourceVolume(
    String volumeId,
    String device,
    boolean root,
    int sizeGib,
    String volumeType,
    Integer iops,
    Integer throughput,
    boolean encrypted,
    boolean deleteOnTermination,
    Map<String, String> tags) {}
