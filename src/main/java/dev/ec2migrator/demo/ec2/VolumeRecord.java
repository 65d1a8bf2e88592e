package dev.ec2migrator.demo.ec2;

import java.time.Instant;

/** A registered volume, attached to {@code instanceId}. */
record VolumeRecord(
    SimVolume volume,
    String instanceId,
    String availabilityZone,
    boolean root,
    Instant createTime,
    long seq) {}
