package dev.ec2migrator.demo.ec2;

import java.time.Instant;

/** A registered instance with what DescribeInstances shows beyond {@link SimInstance}. */
record InstanceRecord(
    SimInstance instance,
    String vpcId,
    String imageId,
    String reservationId,
    Instant launchTime,
    long seq) {}
