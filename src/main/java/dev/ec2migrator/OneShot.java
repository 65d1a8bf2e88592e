package dev.ec2migrator;

import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.run.BadInputReport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * A command that is one request to the application (migrate, check, deploy, cleanup, template):
 * started for it without the inbox, asked, stopped.
 */
final class OneShot {
  /** Without a management server, which must not clash with a running service's. */
  private static final Map<String, String> QUIET =
      Map.of("migrator.inbox.enabled", "false", "camel.management.enabled", "false");

  /** A run watched while it works: the management server on a free port, not the service's. */
  private static final Map<String, String> WATCHED =
      Map.of("migrator.inbox.enabled", "false", "camel.management.port", "0");

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
    Map<String, String> all = new HashMap<>(QUIET);
    all.putAll(overrides);
    return send(launcher.main(all), endpoint, body, headers, type, camel -> () -> {});
  }

  /**
   * A request about a run (deploy, cleanup): its headers sent, the answer turned into the exit
   * code; a failure is printed as "&lt;what&gt; failed: the reason" ({@link #failed}).
   */
  static <T> int requestRun(
      Launcher launcher,
      String what,
      String endpoint,
      Map<String, Object> headers,
      Class<T> type,
      ToIntFunction<T> report)
      throws Exception {
    T answer;
    try {
      answer = request(launcher, Map.of(), endpoint, null, headers, type);
    } catch (CamelExecutionException e) {
      return failed(what, e);
    }
    return report.applyAsInt(answer);
  }

  /**
   * Sends a validated list to the endpoint (direct:migrate-run, direct:check-run) and turns the
   * answer into the exit code; a failure is printed with the run's log file and exits 2 (bad input)
   * or 1.
   *
   * @param alongside what runs while the list is worked on (the console progress), closed before
   *     the application stops
   */
  static <T> int requestList(
      Launcher launcher,
      InstanceList list,
      String endpoint,
      Class<T> type,
      Path logFile,
      Function<CamelContext, AutoCloseable> alongside,
      ToIntFunction<T> report)
      throws Exception {
    T answer;
    try {
      answer = send(launcher.main(WATCHED), endpoint, list, Map.of(), type, alongside);
    } catch (CamelExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.print(BadInputReport.describe(cause));
      System.err.println("  log: " + logFile);
      return cause instanceof InvalidInstanceListException ? 2 : 1;
    }
    return report.applyAsInt(answer);
  }

  private static <T> T send(
      Main main,
      String endpoint,
      Object body,
      Map<String, Object> headers,
      Class<T> type,
      Function<CamelContext, AutoCloseable> alongside)
      throws Exception {
    main.start();
    CamelContext camel = main.getCamelContext();
    try (ProducerTemplate producer = camel.createProducerTemplate();
        AutoCloseable running = alongside.apply(camel)) {
      return producer.requestBodyAndHeaders(endpoint, body, headers, type);
    } finally {
      main.stop();
    }
  }

  /**
   * Prints why a request failed ("&lt;what&gt; failed: the reason") and returns the exit code: 2
   * bad input (nothing was done), 1 otherwise.
   */
  private static int failed(String what, CamelExecutionException e) {
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
