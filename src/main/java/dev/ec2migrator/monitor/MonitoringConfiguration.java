package dev.ec2migrator.monitor;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.report.RunRecorder;
import dev.ec2migrator.report.RunReports;
import dev.ec2migrator.run.RunRegistry;
import dev.ec2migrator.security.HostOriginGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.TimeUtils;

/**
 * The monitoring beans, on top of the ones {@code MigratorConfiguration} bound (so it must be added
 * after it): the progress MBeans, the progress log, the health checks and the Prometheus meters.
 * Jolokia, /observe/health and /observe/metrics themselves are Camel's management server, set up by
 * the {@code camel.management.*} properties.
 */
public class MonitoringConfiguration implements CamelConfiguration {

  @Override
  public void configure(CamelContext context) throws Exception {
    Registry registry = context.getRegistry();
    PropertiesComponent pc = context.getPropertiesComponent();
    guardManagementServer(context, pc);
    RunRegistry runs = required(registry, "runRegistry", RunRegistry.class);
    ProgressSources sources =
        new ProgressSources(
            runs,
            required(registry, "snapshotTracker", SnapshotTracker.class),
            required(registry, "apiCallCounter", ApiCallCounter.class));
    runs.addListener(sources); // first: the others read the run's call counts it records
    registry.bind("progressSources", sources);

    ProgressMBeans mbeans = new ProgressMBeans(sources);
    runs.addListener(mbeans);
    context.addService(mbeans, true, true);

    // the run report: the recorder listens to every instance's stage from the run's opening
    RunRecorder recorder =
        new RunRecorder(
            required(registry, "apiCallCounter", ApiCallCounter.class), Clock.systemUTC());
    runs.addListener(recorder);
    registry.bind("runRecorder", recorder);
    registry.bind(
        "runReports",
        new RunReports(
            recorder,
            sources,
            Integer.parseInt(prop(pc, "migrator.copy.max-in-flight", "20")),
            Boolean.parseBoolean(prop(pc, "migrator.simulated", "false")),
            Clock.systemUTC()));

    ProgressLog log = new ProgressLog(sources);
    runs.addListener(log);
    registry.bind("progressLog", log);

    List<String> regions =
        List.of(prop(pc, "migrator.source-region", ""), prop(pc, "migrator.target-region", ""))
            .stream()
            .filter(r -> !r.isBlank())
            .distinct()
            .toList();
    Ec2EndpointsHealthCheck ec2 =
        new Ec2EndpointsHealthCheck(
            required(registry, "ec2Clients", Ec2Clients.class),
            regions,
            Duration.ofMillis(
                TimeUtils.toMilliSeconds(prop(pc, "migrator.health.ec2-timeout", "5s"))));
    String quiesceMode = prop(pc, "migrator.quiesce.mode", "remount");
    LocalFilesHealthCheck files =
        new LocalFilesHealthCheck(
            "none".equals(quiesceMode)
                ? null
                : Path.of(expandHome(prop(pc, "migrator.ssh.private-key-file", ""))),
            Boolean.parseBoolean(prop(pc, "migrator.inbox.enabled", "false"))
                ? Path.of(prop(pc, "migrator.inbox", "inbox"))
                : null,
            Path.of(prop(pc, "migrator.outbox", "outbox")));
    PollerLivenessCheck poller = new PollerLivenessCheck();
    for (var check : List.of(ec2, files, poller)) {
      check.setCamelContext(context);
      registry.bind("health-" + check.getId(), check);
    }

    if (Boolean.parseBoolean(prop(pc, "camel.metrics.enabled", "false"))) {
      // camel-micrometer-prometheus takes the registry bound as metricsRegistry, else makes one
      MeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
      if (meters == null) {
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind("metricsRegistry", meters);
      }
      new ProgressMetrics(sources).bindTo(meters);
    }
  }

  /**
   * The Host/Origin guard in front of every path of Camel's management server. camel-main creates
   * the server before it runs the configuration classes and starts it after them.
   */
  private static void guardManagementServer(CamelContext context, PropertiesComponent pc) {
    if (!Boolean.parseBoolean(prop(pc, "camel.management.enabled", "false"))) {
      return;
    }
    ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
    if (server == null) {
      // fail closed: never serve fleet data without the guard
      throw new IllegalStateException(
          "camel.management.enabled is true but Camel's management server was not created before"
              + " MonitoringConfiguration ran: its Host/Origin guard cannot be installed");
    }
    HostOriginGuard.of(
            prop(pc, "migrator.management.allowed-hosts", ""),
            prop(pc, "migrator.management.allowed-origins", ""))
        .installOn(server.getConfiguration().getAuthenticationConfig());
  }

  private static <T> T required(Registry registry, String name, Class<T> type) {
    T bean = registry.lookupByNameAndType(name, type);
    if (bean == null) {
      throw new IllegalStateException(
          "bean " + name + " not found: add MonitoringConfiguration after MigratorConfiguration");
    }
    return bean;
  }

  private static String expandHome(String path) {
    return path.startsWith("~/")
        ? Path.of(System.getProperty("user.home"), path.substring(2)).toString()
        : path;
  }

  private static String prop(PropertiesComponent pc, String key, String fallback) {
    return pc.resolveProperty(key).map(String::strip).orElse(fallback);
  }
}
