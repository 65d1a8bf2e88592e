package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which instance types the simulated zones offer: every type the fleet generator uses, in zones a,
 * b and c of every region, except the ones a test withdraws from a zone or a whole region.
 */
public final class InstanceTypeOfferings {
  static final List<String> CATALOG =
      Stream.of(
              Stream.of(FleetGenerator.HVM_TYPES),
              Stream.of(FleetGenerator.PV_TYPES),
              SampleSources.KINDS.stream().map(SampleSources.Kind::instanceType))
          .flatMap(s -> s)
          .distinct()
          .sorted()
          .toList();

  private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();

  /** The type is no longer offered in this zone (e.g. {@code ap-southeast-2a}). */
  public void withdrawFromZone(String zone, String instanceType) {
    withdrawn.add(zone + "/" + instanceType);
  }

  /** The type is offered in none of the region's zones. */
  public void withdrawFromRegion(String region, String instanceType) {
    RegionActions.ZONE_LETTERS.forEach(l -> withdrawFromZone(region + l, instanceType));
  }

  /** Every type offered everywhere again. */
  public void clear() {
    withdrawn.clear();
  }

  boolean offered(String zone, String instanceType) {
    return !withdrawn.contains(zone + "/" + instanceType);
  }
}
