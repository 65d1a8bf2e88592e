package dev.ec2migrator.monitor;

import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness of the work one route does: it counts for liveness only (a failing check means restart
 * the process, not stop sending work) and reports the route's id and status with every answer.
 */
public abstract class RouteLivenessCheck extends AbstractHealthCheck {
  private final String routeId;

  protected RouteLivenessCheck(String checkId, String routeId) {
    super("migrator", checkId);
    this.routeId = routeId;
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
  protected final void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    ServiceStatus status =
        getCamelContext() == null
            ? null
            : getCamelContext().getRouteController().getRouteStatus(routeId);
    builder.detail("route", routeId).detail("status", String.valueOf(status));
    check(builder, status);
  }

  /**
   * Sets the builder up or down.
   *
   * @param status the route's status, null when the route is not part of this application
   */
  protected abstract void check(HealthCheckResultBuilder builder, ServiceStatus status);
}
