package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeInstanceTypeOfferings, by region, availability zone or zone id. */
final class InstanceTypeOfferingActions {
  private InstanceTypeOfferingActions() {}

  private record Offering(String instanceType, String locationType, String location, long seq) {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "DescribeInstanceTypeOfferings",
        new Ec2Action(
            "DescribeInstanceTypeOfferings",
            Set.of("LocationType", "Filter", "MaxResults", "NextToken"),
            InstanceTypeOfferingActions::describe));
  }

  static void describe(QueryRequest req, CallContext ctx, XmlWriter out) {
    String locationType = req.get("LocationType") == null ? "region" : req.get("LocationType");
    if (!List.of("region", "availability-zone", "availability-zone-id").contains(locationType)) {
      throw Ec2Exception.invalidParameterValue(
          "Value (" + locationType + ") for parameter locationType is invalid.");
    }
    Integer maxResults = req.integer("MaxResults");
    Paginator.checkMaxResults(maxResults, 5, 1000);
    List<FilterSpec> filters = req.filters();
    String region = ctx.regionName();
    InstanceTypeOfferings offerings = ctx.world().offerings;
    List<Offering> all = new ArrayList<>();
    long seq = 0;
    for (String type : InstanceTypeOfferings.CATALOG) {
      if (locationType.equals("region")) {
        boolean anywhere =
            RegionActions.ZONE_LETTERS.stream().anyMatch(l -> offerings.offered(region + l, type));
        if (anywhere) {
          all.add(new Offering(type, locationType, region, seq++));
        }
        continue;
      }
      for (String letter : RegionActions.ZONE_LETTERS) {
        String zone = region + letter;
        if (offerings.offered(zone, type)) {
          String location =
              locationType.equals("availability-zone") ? zone : NetworkXml.zoneId(region, zone);
          all.add(new Offering(type, locationType, location, seq++));
        }
      }
    }
    List<Offering> matching = new ArrayList<>();
    for (Offering o : all) {
      boolean matches =
          filters.stream()
              .allMatch(
                  f ->
                      switch (f.name()) {
                        case "instance-type" -> f.matches(o.instanceType());
                        case "location" -> f.matches(o.location());
                        default -> throw FilterSpec.unknown(f.name());
                      });
      if (matches) {
        matching.add(o);
      }
    }
    Paginator.write(
        matching,
        Offering::seq,
        maxResults,
        req.get("NextToken"),
        "instanceTypeOfferingSet",
        out,
        o -> {
          out.start("item")
              .element("instanceType", o.instanceType())
              .element("locationType", o.locationType())
              .element("location", o.location())
              .end("item");
        });
  }
}
