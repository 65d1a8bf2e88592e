package dev.ec2migrator.sim.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeRegions. */
final class RegionActions {
  private RegionActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "DescribeRegions",
        new Ec2Action(
            "DescribeRegions",
            Set.of("Filter", "RegionName", "AllRegions"),
            RegionActions::describeRegions));
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
