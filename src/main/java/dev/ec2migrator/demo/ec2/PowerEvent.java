package dev.ec2migrator.demo.ec2;

import java.time.Instant;

/**
 * One accepted StopInstances or StartInstances of one instance, at the real instant of the call.
 */
public record PowerEvent(String action, String instanceId, Instant at) {}
