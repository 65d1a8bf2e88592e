package dev.ec2migrator.input;

import java.util.List;

/**
 * One validated line of an instance list. Empty optional columns are null (region columns fall back
 * to the configured defaults, mount points to {@code migrator.quiesce.mount-points}, the quiesce
 * mode to the instance's tag or {@code migrator.quiesce.mode}).
 */
public record InstanceEntry(
    int line,
    String instanceId,
    String sourceRegion,
    String targetRegion,
    String targetSubnetId,
    String sshHost,
    Integer sshPort,
    String sshUser,
    List<String> mountPoints,
    String quiesceMode) {}
