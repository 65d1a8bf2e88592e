package dev.ec2migrator.monitor;

import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness: the shared snapshot poller (route poll-snapshot-states) runs. Without it every waiting
 * instance waits until its deadline, so a stopped poller means the process should be restarted.
 */
public class PollerLivenessCheck extends AbstractHealthCheck {
  static final String POLLER_ROUTE = "poll-snapshot-states";

  public PollerLivenessCheck() {
    super("migrator", "snapshot-poller");
  }

  // Camel's AbstractHealthCheck counts for readiness only unless isLiveness says so
  @Override
  public boolean isLiveness() {
    return true;
  }

  @Override
  public boolean isReadiness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    ServiceStatus status =
        getCamelContext() == null
            ? null
            : getCamelContext().getRouteController().getRouteStatus(POLLER_ROUTE);
    builder.detail("route", POLLER_ROUTE).detail("status", String.valueOf(status));
    if (status == null || status.isStarted() || status.isStarting()) {
      builder.up(); // null: the route is not part of this application (e.g. a partial test setup)
    } else {
      builder.message("route " + POLLER_ROUTE + " is " + status).down();
    }
  }
}
