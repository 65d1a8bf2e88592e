package dev.ec2migrator.monitor;

import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Liveness: the shared snapshot poller (route poll-snapshot-states) runs. Without it every waiting
 * instance waits until its deadline, so a stopped poller means the process should be restarted.
 */
public class PollerLivenessCheck extends RouteLivenessCheck {
  static final String POLLER_ROUTE = "poll-snapshot-states";

  public PollerLivenessCheck() {
    super("snapshot-poller", POLLER_ROUTE);
  }

  @Override
  protected void check(HealthCheckResultBuilder builder, ServiceStatus status) {
    if (status == null || status.isStarted() || status.isStarting()) {
      builder.up(); // null: the route is not part of this application (e.g. a partial test setup)
    } else {
      builder.message("route " + POLLER_ROUTE + " is " + status).down();
    }
  }
}
