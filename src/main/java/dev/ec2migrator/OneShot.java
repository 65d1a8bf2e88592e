package dev.ec2migrator;

import dev.ec2migrator.model.MigrationException;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * A command that is one request to the application (deploy, cleanup, template): started for it
 * without the inbox and without a management server (which must not clash with a running
 * service's), asked, stopped.
 */
final class OneShot {
  private static final Map<String, String> QUIET =
      Map.of("migrator.inbox.enabled", "false", "camel.management.enabled", "false");

  private OneShot() {}

  /** Sends the body and headers to the endpoint and returns the answer as the type. */
  static <T> T request(
      Launcher launcher,
      Map<String, String> overrides,
      String endpoint,
      Object body,
      Map<String, Object> headers,
      Class<T> type)
      throws Exception {
    Map<String, String> all = new java.util.HashMap<>(QUIET);
    all.putAll(overrides);
    Main main = launcher.main(all);
    main.start();
    try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
      return producer.requestBodyAndHeaders(endpoint, body, headers, type);
    } finally {
      main.stop();
    }
  }

  /**
   * Prints why a request failed ("&lt;what&gt; failed: the reason") and returns the exit code: 2
   * bad input (nothing was done), 1 otherwise.
   */
  static int failed(String what, CamelExecutionException e) {
    Throwable cause = reason(e);
    System.err.println(what + " failed: " + cause.getMessage());
    return cause instanceof IllegalArgumentException ? 2 : 1;
  }

  /** Ours, under the split's and Camel's wrappers: it names the stack or input and the reason. */
  static Throwable reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MigrationException || t instanceof IllegalArgumentException) {
        return t;
      }
    }
    return e.getCause() == null ? e : e.getCause();
  }
}
