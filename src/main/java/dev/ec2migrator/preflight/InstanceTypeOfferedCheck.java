package dev.ec2migrator.preflight;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Calls;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunListener;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

/**
 * The instance type must be offered in the target zone the run maps the source zone to ({@code
 * migrator.network.az-map}), or, for a zone the map does not name, in some zone of the target
 * region. DescribeInstanceTypeOfferings is asked once per run, target region and type, however many
 * instances share them; the answers are dropped when the run closes.
 */
public class InstanceTypeOfferedCheck implements PreflightCheck, RunListener {
  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;
  private final Map<String, String> azMap;
  private final Map<String, CompletableFuture<Set<String>>> zonesOffering =
      new ConcurrentHashMap<>();

  /**
   * @param azMap {@code source-az=target-az} pairs, comma-separated (migrator.network.az-map)
   */
  public InstanceTypeOfferedCheck(Ec2Clients clients, ApiRateLimiter limiter, String azMap) {
    this.clients = clients;
    this.limiter = limiter;
    this.azMap =
        Arrays.stream(azMap.split(","))
            .map(String::strip)
            .filter(pair -> pair.contains("="))
            .collect(
                Collectors.toUnmodifiableMap(
                    pair -> pair.substring(0, pair.indexOf('=')).strip(),
                    pair -> pair.substring(pair.indexOf('=') + 1).strip(),
                    (a, b) -> b));
  }

  @Override
  public String name() {
    return "instance-type";
  }

  @Override
  public java.util.List<String> findings(InstanceMigration m) throws Exception {
    String type = m.source().instanceType();
    String region = m.targetRegion();
    Set<String> zones = zonesOffering(m.runId(), region, type);
    String zone = azMap.get(m.source().availabilityZone());
    if (zone != null && !zones.contains(zone)) {
      return java.util.List.of(
          type
              + " is not offered in "
              + zone
              + " (migrator.network.az-map maps "
              + m.source().availabilityZone()
              + " there)"
              + (zones.isEmpty() ? "" : "; offered in " + String.join(", ", zones)));
    }
    if (zones.isEmpty()) {
      return java.util.List.of(
          type + " is offered in no zone of " + region + ": choose another instance type");
    }
    return java.util.List.of();
  }

  private Set<String> zonesOffering(String runId, String region, String type) throws Exception {
    CompletableFuture<Set<String>> mine = new CompletableFuture<>();
    CompletableFuture<Set<String>> first =
        zonesOffering.putIfAbsent(runId + "/" + region + "/" + type, mine);
    if (first != null) {
      try {
        return first.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    try {
      // typed (Ec2CallException): a throttled or lost call is retried by the route, not FAILED
      Set<String> zones =
          Ec2Calls.describe(
              limiter,
              region,
              "DescribeInstanceTypeOfferings",
              () ->
                  clients
                      .forRegion(region)
                      .describeInstanceTypeOfferingsPaginator(
                          r ->
                              r.locationType(LocationType.AVAILABILITY_ZONE)
                                  .filters(
                                      Filter.builder().name("instance-type").values(type).build()))
                      .instanceTypeOfferings()
                      .stream()
                      .map(InstanceTypeOffering::location)
                      .collect(Collectors.toCollection(TreeSet::new)));
      mine.complete(zones);
      return zones;
    } catch (Exception e) {
      // not kept: the next instance of the run asks again
      zonesOffering.remove(runId + "/" + region + "/" + type, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  @Override
  public void closed(MigrationRun run) {
    zonesOffering.keySet().removeIf(key -> key.startsWith(run.runId() + "/"));
  }
}
