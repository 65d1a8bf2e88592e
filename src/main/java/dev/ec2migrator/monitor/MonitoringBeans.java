package dev.ec2migrator.monitor;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.input.InboxGuard;
import dev.ec2migrator.run.RunRegistry;
import dev.ec2migrator.security.HostOriginGuard;
import dev.ec2migrator.wiring.ConfigValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.spi.Registry;

/**
 * Watching a run: the progress sources every view reads, the progress MBeans and log, the health
 * checks and the Prometheus meters. Jolokia, /observe/health and /observe/metrics themselves are
 * Camel's management server, set up by the {@code camel.management.*} properties; {@link
 * #configure} puts the Host/Origin guard in front of it.
 */
public class MonitoringBeans implements CamelConfiguration {

  @PropertyInject("camel.management.enabled")
  boolean managementEnabled;

  @PropertyInject("camel.metrics.enabled")
  boolean metricsEnabled;

  @PropertyInject("migrator.management.allowed-hosts")
  String allowedHosts;

  @PropertyInject("migrator.management.allowed-origins")
  String allowedOrigins;

  /** The first listener of the runs: the views after it read the call counts it records. */
  @BindToRegistry("progressSources")
  public ProgressSources progressSources(
      RunRegistry runs, SnapshotTracker tracker, ApiCallCounter counter) {
    ProgressSources sources = new ProgressSources(runs, tracker, counter);
    runs.addListener(sources);
    return sources;
  }

  @BindToRegistry("progressMBeans")
  public ProgressMBeans progressMBeans(
      CamelContext context, ProgressSources sources, RunRegistry runs) throws Exception {
    ProgressMBeans mbeans = new ProgressMBeans(sources);
    runs.addListener(mbeans);
    context.addService(mbeans, true, true);
    return mbeans;
  }

  @BindToRegistry("progressLog")
  public ProgressLog progressLog(ProgressSources sources, RunRegistry runs) {
    ProgressLog log = new ProgressLog(sources);
    runs.addListener(log);
    return log;
  }

  /** Readiness: each region's EC2 endpoint answers a DescribeRegions in time. */
  @BindToRegistry("health-ec2-endpoints")
  public Ec2EndpointsHealthCheck ec2EndpointsHealthCheck(
      CamelContext context,
      Ec2Clients clients,
      @PropertyInject("migrator.source-region") String sourceRegion,
      @PropertyInject("migrator.target-region") String targetRegion,
      @PropertyInject("migrator.health.ec2-timeout") Duration timeout) {
    List<String> regions =
        Stream.of(sourceRegion.strip(), targetRegion.strip())
            .filter(r -> !r.isEmpty())
            .distinct()
            .toList();
    return withContext(context, new Ec2EndpointsHealthCheck(clients, regions, timeout));
  }

  /** Readiness: the key (unless no quiesce logs in), the inbox (when watched) and the outbox. */
  @BindToRegistry("health-local-files")
  public LocalFilesHealthCheck localFilesHealthCheck(
      CamelContext context,
      @PropertyInject("migrator.quiesce.mode") String quiesceMode,
      @PropertyInject("migrator.ssh.private-key-file") String privateKeyFile,
      @PropertyInject("migrator.inbox.enabled") boolean inboxEnabled,
      @PropertyInject("migrator.inbox") String inbox,
      @PropertyInject("migrator.outbox") String outbox) {
    return withContext(
        context,
        new LocalFilesHealthCheck(
            "none".equals(quiesceMode.strip()) ? null : ConfigValues.path(privateKeyFile),
            inboxEnabled ? Path.of(inbox.strip()) : null,
            Path.of(outbox.strip())));
  }

  @BindToRegistry("health-snapshot-poller")
  public PollerLivenessCheck pollerLivenessCheck(CamelContext context) {
    return withContext(context, new PollerLivenessCheck());
  }

  @BindToRegistry("health-inbox-consumer")
  public InboxLivenessCheck inboxLivenessCheck(
      CamelContext context,
      InboxGuard guard,
      RunRegistry runs,
      @PropertyInject("migrator.inbox") String inbox,
      @PropertyInject("migrator.inbox.stuck-after") Duration stuckAfter) {
    return withContext(
        context, new InboxLivenessCheck(guard, runs, Path.of(inbox.strip()), stuckAfter));
  }

  /**
   * The meters, and the Host/Origin guard in front of every path of Camel's management server.
   * camel-main creates the server before it runs the configuration classes and starts it after.
   */
  @Override
  public void configure(CamelContext context) {
    if (metricsEnabled) {
      bindMeters(context.getRegistry());
    }
    if (managementEnabled) {
      guardManagementServer(context);
    }
  }

  /**
   * The migrator_* meters, on the registry camel-micrometer-prometheus serves: the one bound as
   * metricsRegistry, else a new one bound under that name (which it then takes).
   */
  private static void bindMeters(Registry registry) {
    MeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    if (meters == null) {
      meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.bind("metricsRegistry", meters);
    }
    new ProgressMetrics(registry.findSingleByType(ProgressSources.class)).bindTo(meters);
  }

  private void guardManagementServer(CamelContext context) {
    ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
    if (server == null) {
      // fail closed: never serve fleet data without the guard
      throw new IllegalStateException(
          "camel.management.enabled is true but Camel's management server was not created before"
              + " MonitoringBeans ran: its Host/Origin guard cannot be installed");
    }
    HostOriginGuard.of(allowedHosts.strip(), allowedOrigins.strip())
        .installOn(server.getConfiguration().getAuthenticationConfig());
  }

  private static <T extends org.apache.camel.CamelContextAware> T withContext(
      CamelContext context, T check) {
    check.setCamelContext(context);
    return check;
  }
}
