package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeRegions and DescribeAvailabilityZones. */
final class RegionActions {
  private RegionActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "DescribeRegions",
        new Ec2Action(
            "DescribeRegions",
            Set.of("Filter", "RegionName", "AllRegions"),
            RegionActions::describeRegions));
    actions.put(
        "DescribeAvailabilityZones",
        new Ec2Action(
            "DescribeAvailabilityZones",
            Set.of("Filter", "ZoneName", "ZoneId", "AllAvailabilityZones"),
            RegionActions::describeAvailabilityZones));
  }

  /** Every simulated region has the zones a, b and c (the fleet uses a and b). */
  static final List<String> ZONE_LETTERS = List.of("a", "b", "c");

  static void describeAvailabilityZones(QueryRequest req, CallContext ctx, XmlWriter out) {
    String region = ctx.regionName();
    List<String> names = req.strings("ZoneName");
    List<String> ids = req.strings("ZoneId");
    List<FilterSpec> filters = req.filters();
    out.start("availabilityZoneInfo");
    for (String letter : ZONE_LETTERS) {
      String zone = region + letter;
      String zoneId = NetworkXml.zoneId(region, zone);
      if ((!names.isEmpty() && !names.contains(zone))
          || (!ids.isEmpty() && !ids.contains(zoneId))) {
        continue;
      }
      boolean matches =
          filters.stream()
              .allMatch(
                  f ->
                      switch (f.name()) {
                        case "zone-name" -> f.matches(zone);
                        case "zone-id" -> f.matches(zoneId);
                        case "region-name" -> f.matches(region);
                        case "state" -> f.matches("available");
                        case "zone-type" -> f.matches("availability-zone");
                        case "opt-in-status" -> f.matches("opt-in-not-required");
                        default -> throw FilterSpec.unknown(f.name());
                      });
      if (!matches) {
        continue;
      }
      out.start("item")
          .element("zoneName", zone)
          .element("zoneId", zoneId)
          .element("zoneState", "available")
          .element("regionName", region)
          .element("groupName", region)
          .element("networkBorderGroup", region)
          .element("zoneType", "availability-zone")
          .element("optInStatus", "opt-in-not-required")
          .start("messageSet")
          .end("messageSet")
          .end("item");
    }
    out.end("availabilityZoneInfo");
  }

  static void describeRegions(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> names = req.strings("RegionName");
    for (String name : names) {
      if (!KnownRegions.NAMES.contains(name)) {
        throw new Ec2Exception("InvalidParameterValue", "Invalid region: " + name);
      }
    }
    List<FilterSpec> filters = req.filters();
    out.start("regionInfo");
    for (String region : KnownRegions.NAMES) {
      if (!names.isEmpty() && !names.contains(region)) {
        continue;
      }
      if (!filters.stream().allMatch(f -> matches(f, region))) {
        continue;
      }
      out.start("item")
          .element("regionName", region)
          .element("regionEndpoint", KnownRegions.endpoint(region))
          .element("optInStatus", "opt-in-not-required")
          .end("item");
    }
    out.end("regionInfo");
  }

  private static boolean matches(FilterSpec f, String region) {
    return switch (f.name()) {
      case "region-name" -> f.matches(region);
      case "endpoint" -> f.matches(KnownRegions.endpoint(region));
      case "opt-in-status" -> f.matches("opt-in-not-required");
      default -> throw FilterSpec.unknown(f.name());
    };
  }
}
