package dev.ec2migrator.cloudformation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts the fleet into stacks that each stay within CloudFormation's limits. An instance always is
 * one resource, its data volumes being block device mappings of it; the instances left out are
 * listed in the first stack.
 */
public class StackSplitter {

  // upper bounds of the YAML the shipped template prints around the values: measured about 1,330
  // bytes of header, 860 per instance with its output, under 810 per volume mapping, 165 per
  // subnet parameter; the margin also covers run ids of up to 128 characters on every resource
  private static final int BASE_BYTES = 4_000;
  private static final int INSTANCE_BYTES = 1_600;
  private static final int VOLUME_BYTES = 1_300;
  private static final int PARAMETER_BYTES = 300;
  private static final int SKIPPED_BYTES = 100;
  private static final int IMPORT_BYTES = 60;

  private final CloudFormationLimits limits;

  public StackSplitter(CloudFormationLimits limits) {
    this.limits = limits;
  }

  public List<StackTemplate> split(FleetPlan fleet) {
    List<List<InstancePlan>> parts = new ArrayList<>();
    List<InstancePlan> current = new ArrayList<>();
    Usage usage = Usage.start(skippedBytes(fleet.skipped()));
    for (InstancePlan instance : fleet.instances()) {
      checkFitsAlone(instance);
      Usage next = usage.plus(instance);
      if (!current.isEmpty() && !fits(next)) {
        parts.add(current);
        current = new ArrayList<>();
        next = Usage.start(0).plus(instance);
      }
      current.add(instance);
      usage = next;
    }
    parts.add(current);
    return stacks(fleet, parts);
  }

  private boolean fits(Usage usage) {
    return usage.resources <= limits.maxResources()
        && usage.outputs <= limits.maxOutputs()
        && usage.subnets.size() + CloudFormationLimits.FIXED_PARAMETERS <= limits.maxParameters()
        && usage.bytes <= limits.maxTemplateBytes();
  }

  private void checkFitsAlone(InstancePlan instance) {
    if (!fits(Usage.start(0).plus(instance))) {
      throw new IllegalArgumentException(
          "instance "
              + instance.sourceInstanceId()
              + " with "
              + instance.volumes().size()
              + " data volumes needs "
              + instance.resourceCount()
              + " resources, more than one template may hold ("
              + limits.maxResources()
              + " resources, "
              + limits.maxTemplateBytes()
              + " bytes)");
    }
  }

  private static List<StackTemplate> stacks(FleetPlan fleet, List<List<InstancePlan>> parts) {
    List<StackTemplate> stacks = new ArrayList<>();
    int count = parts.size();
    for (int i = 0; i < count; i++) {
      List<InstancePlan> instances = parts.get(i);
      int number = i + 1;
      stacks.add(
          new StackTemplate(
              fileName(fleet.runId(), number, count),
              number,
              count,
              YamlString.of(description(fleet, number, count)),
              YamlString.of(fleet.runId()),
              YamlString.of(fleet.targetRegion()),
              fleet.network() != null
                  ? List.of()
                  : instances.stream().map(InstancePlan::subnet).distinct().toList(),
              instances,
              number == 1 ? fleet.skipped() : List.of(),
              fleet.network() != null));
    }
    return stacks;
  }

  static String fileName(String runId, int number, int count) {
    String part = count == 1 ? "" : ".part-" + number + "-of-" + count;
    return runId + part + ".cloudformation.yaml";
  }

  private static String description(FleetPlan fleet, int number, int count) {
    return (fleet.simulated() ? "SIMULATED - " : "")
        + "ec2-region-migrator run "
        + fleet.runId()
        + ": instances recreated in "
        + fleet.targetRegion()
        + (count == 1 ? "" : " (part " + number + " of " + count + ")");
  }

  private static int skippedBytes(List<SkippedInstance> skipped) {
    return skipped.stream()
        .mapToInt(s -> SKIPPED_BYTES + printedBytes(s.sourceId()) + printedBytes(s.reason()))
        .sum();
  }

  private static int printedBytes(YamlString value) {
    return value == null ? 0 : value.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  /** What a part holds so far. */
  private record Usage(int resources, int outputs, Set<String> subnets, int bytes) {

    static Usage start(int extraBytes) {
      return new Usage(0, 0, Set.of(), BASE_BYTES + extraBytes);
    }

    Usage plus(InstancePlan instance) {
      Set<String> withSubnet = new LinkedHashSet<>(subnets);
      boolean newSubnet = withSubnet.add(instance.subnet().sourceSubnetId());
      return new Usage(
          resources + instance.resourceCount(),
          outputs + 1,
          withSubnet,
          bytes + instanceBytes(instance) + (newSubnet ? PARAMETER_BYTES : 0));
    }

    private static int instanceBytes(InstancePlan instance) {
      // the name and ids are printed on the instance and again on each of its volumes
      int perResourceText = printedBytes(instance.name()) + printedBytes(instance.sourceId());
      int total = INSTANCE_BYTES + perResourceText;
      if (instance.network() != null) {
        total +=
            printedBytes(instance.network().subnetExport())
                + printedBytes(instance.network().keyName())
                + printedBytes(instance.network().instanceProfile());
        for (YamlString group : instance.network().securityGroupExports()) {
          total += IMPORT_BYTES + printedBytes(group);
        }
      }
      for (VolumePlan volume : instance.volumes()) {
        total += VOLUME_BYTES + perResourceText + printedBytes(volume.sourceVolumeId());
      }
      return total;
    }
  }
}
