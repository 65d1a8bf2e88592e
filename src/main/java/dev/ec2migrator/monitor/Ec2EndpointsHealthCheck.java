package dev.ec2migrator.monitor;

import dev.ec2migrator.aws.Ec2Clients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the EC2 endpoint of the source and of the target region answers a DescribeRegions (a
 * cheap call that touches nothing) within the timeout.
 */
public class Ec2EndpointsHealthCheck extends AbstractHealthCheck {
  private final Ec2Clients clients;
  private final List<String> regions;
  private final Duration timeout;

  public Ec2EndpointsHealthCheck(Ec2Clients clients, List<String> regions, Duration timeout) {
    super("migrator", "ec2-endpoints");
    this.clients = clients;
    this.regions = List.copyOf(regions);
    this.timeout = timeout;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    StringBuilder failed = new StringBuilder();
    for (String region : regions) {
      try {
        clients
            .forRegion(region)
            .describeRegions(
                r ->
                    r.overrideConfiguration(
                        c -> c.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)));
        builder.detail(region, "ok");
      } catch (RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        builder.detail(region, reason);
        failed.append(failed.isEmpty() ? "" : "; ").append(region).append(": ").append(reason);
      }
    }
    if (failed.isEmpty()) {
      builder.up();
    } else {
      builder.message("EC2 endpoint not answering: " + failed).down();
    }
  }
}
