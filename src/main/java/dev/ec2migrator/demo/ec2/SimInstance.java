package dev.ec2migrator.demo.ec2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated instance. {@code volumes} are in device order, the root volume first; {@code
 * mountPoints} are what the SSH simulator should know for this host ("/" first).
 */
public record SimInstance(
    String instanceId,
    String state,
    String instanceType,
    String subnetId,
    String availabilityZone,
    String privateIp,
    String virtualizationType,
    String architecture,
    String kernelId,
    String rootDeviceName,
    Map<String, String> tags,
    List<SimVolume> volumes,
    List<String> mountPoints) {
  public SimInstance {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    volumes = List.copyOf(volumes);
    mountPoints = List.copyOf(mountPoints);
  }

  public boolean running() {
    return "running".equals(state);
  }

  /** This instance in another state, with other tags and volumes; the rest stays. */
  SimInstance with(String newState, Map<String, String> newTags, List<SimVolume> newVolumes) {
    return new SimInstance(
        instanceId,
        newState,
        instanceType,
        subnetId,
        availabilityZone,
        privateIp,
        virtualizationType,
        architecture,
        kernelId,
        rootDeviceName,
        newTags,
        newVolumes,
        mountPoints);
  }
}
