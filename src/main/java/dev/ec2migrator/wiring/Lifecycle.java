package dev.ec2migrator.wiring;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/** Ties a resource the configuration made (clients, servers) to the Camel context's life. */
public final class Lifecycle {
  private Lifecycle() {}

  /** Closes the resource when the context stops (Camel stops its services in reverse order). */
  public static <T extends AutoCloseable> T closeOnStop(CamelContext context, T resource)
      throws Exception {
    context.addService(
        new ServiceSupport() {
          @Override
          protected void doStop() throws Exception {
            resource.close();
          }
        },
        true,
        true);
    return resource;
  }
}
