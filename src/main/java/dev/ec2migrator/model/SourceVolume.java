package dev.ec2migrator.model;

import java.util.Map;

/** An EBS volume attached to a source instance, as DescribeVolumes reported it. */
public record SourceVolume(
    String volumeId,
    String device,
    boolean root,
    int sizeGib,
    String volumeType,
    Integer iops,
    Integer throughput,
    boolean encrypted,
    Map<String, String> tags) {}
