package dev.ec2migrator;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.Ec2Gateway;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.cleanup.Cleaner;
import dev.ec2migrator.cleanup.CleanupPlanner;
import dev.ec2migrator.deploy.CloudFormationClients;
import dev.ec2migrator.deploy.InstanceVerifier;
import dev.ec2migrator.deploy.StackDeployer;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.network.SourceNetworkDescriber;
import dev.ec2migrator.network.SourceNetworks;
import dev.ec2migrator.output.ResultRows;
import dev.ec2migrator.quiesce.QuiesceCommands;
import dev.ec2migrator.quiesce.QuiesceStep;
import dev.ec2migrator.quiesce.SshTargets;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.FleetDescriber;
import dev.ec2migrator.run.InstanceSteps;
import dev.ec2migrator.run.RunRegistry;
import dev.ec2migrator.sim.DemoWorld;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.TimeUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds the beans the routes call, from the {@code migrator.*} properties. In the demo profile it
 * first starts the demo world (EC2 and SSH simulators on 127.0.0.1) and points the properties at
 * it, so the same beans and routes run unchanged against the simulators.
 */
public class MigratorConfiguration implements CamelConfiguration {

  @Override
  public void configure(CamelContext context) throws Exception {
    PropertiesComponent pc = context.getPropertiesComponent();
    Registry registry = context.getRegistry();
    if (bool(pc, "migrator.demo.enabled")) {
      DemoWorld world =
          DemoWorld.start(
              settings(
                  pc,
                  "migrator.demo.",
                  "seed",
                  "instances",
                  "volumes-per-instance",
                  "busy-hosts",
                  "time-scale",
                  "throttle-scale",
                  "ec2-latency-ms",
                  "sleep-scale",
                  "dir"),
              prop(pc, "migrator.source-region", null));
      world.overrides().forEach(pc::addOverrideProperty);
      registry.bind("demoWorld", world);
      closeOnStop(context, world);
    }

    resolveAgainstHome(pc, "migrator.cloudformation.template");
    resolveAgainstHome(pc, "migrator.cloudformation.network-template");

    ApiCallCounter counter = new ApiCallCounter();
    String endpoint = prop(pc, "migrator.ec2.endpoint", "");
    Ec2Clients clients =
        new Ec2Clients(
            credentials(endpoint),
            endpoint.isBlank() ? null : URI.create(endpoint),
            Integer.parseInt(prop(pc, "migrator.sdk.max-attempts", "5")),
            Integer.parseInt(prop(pc, "migrator.parallelism", "20")) * 2,
            counter,
            (region, client) -> registry.bind("ec2-" + region, client));
    closeOnStop(context, clients);
    double demoThrottleScale =
        bool(pc, "migrator.demo.enabled")
            ? Double.parseDouble(prop(pc, "migrator.demo.throttle-scale", "1"))
            : 1.0;
    ApiRateLimiter limiter =
        new ApiRateLimiter(
            ApiRateLimiter.scaled(
                settings(pc, "migrator.rate-limit.", "describe", "mutating", "create-snapshots"),
                demoThrottleScale));
    Ec2Gateway gateway = new Ec2Gateway(clients, limiter);
    SnapshotTracker tracker =
        new SnapshotTracker(
            gateway,
            duration(pc, "migrator.snapshot.timeout"),
            duration(pc, "migrator.copy.timeout"),
            Long.parseLong(prop(pc, "migrator.poll.interval", "200")));
    CopySlots copySlots =
        new CopySlots(
            Integer.parseInt(prop(pc, "migrator.copy.max-in-flight", "20")),
            tracker,
            Long.parseLong(prop(pc, "migrator.copy.slot-wait", "2000")));
    String mode = prop(pc, "migrator.quiesce.mode", "remount");
    SshTargets targets =
        new SshTargets(
            prop(pc, "migrator.ssh.host", "{private-ip}"),
            prop(pc, "migrator.ssh.user", "ec2-user"),
            Integer.parseInt(prop(pc, "migrator.ssh.port", "22")),
            list(prop(pc, "migrator.quiesce.mount-points", "/")));
    QuiesceCommands commands =
        "none".equals(mode)
            ? null
            : new QuiesceCommands(
                prop(pc, "migrator.quiesce." + mode + ".freeze-command", null),
                prop(pc, "migrator.quiesce." + mode + ".thaw-command", null),
                TimeUtils.toMilliSeconds(prop(pc, "migrator.quiesce.dead-man", "300s")) / 1000);
    String onFailure = prop(pc, "migrator.quiesce.on-failure", "fail");
    if (!onFailure.equals("fail") && !onFailure.equals("crash-consistent")) {
      throw new IllegalArgumentException(
          "migrator.quiesce.on-failure must be fail or crash-consistent, not " + onFailure);
    }

    // camel-ssh bounds connect/auth/channel-open only; this bounds the remote command too
    var sshClientBuilder =
        new dev.ec2migrator.quiesce.BoundedSshClientBuilder(
            Duration.ofMillis(
                TimeUtils.toMilliSeconds(prop(pc, "migrator.ssh.command-timeout", "120s"))));
    closeOnStop(context, sshClientBuilder);
    registry.bind("sshClientBuilder", sshClientBuilder);
    registry.bind("apiCallCounter", counter);
    registry.bind("ec2Clients", clients);
    registry.bind("apiRateLimiter", limiter);
    registry.bind("ec2Gateway", gateway);
    registry.bind("snapshotTracker", tracker);
    registry.bind("copySlots", copySlots);
    registry.bind(
        "quiesceStep",
        new QuiesceStep(targets, commands, onFailure.equals("crash-consistent"), sshOptions(pc)));
    registry.bind(
        "instanceSteps",
        new InstanceSteps(
            gateway,
            copySlots,
            region -> pc.resolveProperty("migrator.image.pv-grub-kernel." + region).orElse(null),
            prop(pc, "migrator.copy.kms-key-id", "")));
    registry.bind(
        "runRegistry",
        new RunRegistry(
            new InstanceListParser(
                Long.parseLong(prop(pc, "migrator.input.max-bytes", "16777216")),
                Integer.parseInt(prop(pc, "migrator.input.max-instances", "100000"))),
            tracker,
            prop(pc, "migrator.source-region", null),
            prop(pc, "migrator.target-region", null)));
    String cloudFormationEndpoint = prop(pc, "migrator.cloudformation.endpoint", "");
    CloudFormationClients cloudFormation =
        new CloudFormationClients(
            credentials(cloudFormationEndpoint),
            cloudFormationEndpoint.isBlank() ? null : URI.create(cloudFormationEndpoint),
            Integer.parseInt(prop(pc, "migrator.sdk.max-attempts", "5")));
    closeOnStop(context, cloudFormation);
    StackDeployer stackDeployer =
        new StackDeployer(
            cloudFormation,
            prop(pc, "migrator.outbox", "outbox"),
            prop(pc, "migrator.deploy.timeout", "2h"));
    registry.bind("stackDeployer", stackDeployer);
    registry.bind(
        "instanceVerifier",
        new InstanceVerifier(
            cloudFormation, clients, limiter, prop(pc, "migrator.deploy.verify-timeout", "15m")));
    registry.bind(
        "cleanupPlanner",
        new CleanupPlanner(
            prop(pc, "migrator.outbox", "outbox"),
            gateway,
            clients,
            limiter,
            cloudFormation,
            stackDeployer));
    registry.bind("cleaner", new Cleaner(clients, limiter, cloudFormation));
    registry.bind(
        "sourceNetworks",
        new SourceNetworks(
            prop(pc, "migrator.network.mode", "existing"),
            prop(pc, "migrator.outbox", "outbox"),
            new SourceNetworkDescriber(clients, limiter),
            prop(pc, "migrator.network.az-map", "")));
    registry.bind("fleetDescriber", new FleetDescriber(clients, limiter, gateway));
    registry.bind("resultRows", new ResultRows());
    registry.bind("badInputReport", new BadInputReport());
    registry.bind(
        "instanceExecutor",
        context
            .getExecutorServiceManager()
            .newFixedThreadPool(
                this,
                "migrate-instance",
                Integer.parseInt(prop(pc, "migrator.parallelism", "20"))));
  }

  /**
   * A relative {@code file:} location means the project folder's file (the jar may run from
   * anywhere); without a project folder, the copy inside the jar.
   */
  private static void resolveAgainstHome(PropertiesComponent pc, String key) {
    String value = prop(pc, key, "");
    String home = prop(pc, "migrator.home", "");
    if (!value.startsWith("file:")
        || Path.of(value.substring(5)).isAbsolute()
        || home.isEmpty() && Files.exists(Path.of(value.substring(5)))) {
      return;
    }
    Path file = Path.of(home.isEmpty() ? "." : home).resolve(value.substring(5));
    pc.addOverrideProperty(
        key, Files.exists(file) ? "file:" + file : "classpath:" + value.substring(5));
  }

  private static void closeOnStop(CamelContext context, AutoCloseable resource) throws Exception {
    context.addService(
        new org.apache.camel.support.service.ServiceSupport() {
          @Override
          protected void doStop() throws Exception {
            resource.close();
          }
        },
        true,
        true);
  }

  /** The camel-ssh options; a known-hosts file makes host-key checking strict. */
  private static String sshOptions(PropertiesComponent pc) {
    StringBuilder options =
        new StringBuilder("certResource=file:")
            .append(expandHome(prop(pc, "migrator.ssh.private-key-file", "")))
            .append("&timeout=")
            .append(TimeUtils.toMilliSeconds(prop(pc, "migrator.ssh.timeout", "30s")))
            .append("&clientBuilder=#sshClientBuilder");
    String knownHosts = prop(pc, "migrator.ssh.known-hosts-file", "");
    if (!knownHosts.isBlank()) {
      options
          .append("&knownHostsResource=file:")
          .append(expandHome(knownHosts))
          .append("&failOnUnknownHost=true");
    }
    return options.toString();
  }

  private static AwsCredentialsProvider credentials(String endpoint) {
    if (!endpoint.isBlank() && endpoint.startsWith("http://127.0.0.1")) {
      // the simulator checks the SigV4 scope, not the secret
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create("SIMULATED", "simulated-secret"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  static String expandHome(String path) {
    return path.startsWith("~/")
        ? Path.of(System.getProperty("user.home"), path.substring(2)).toString()
        : path;
  }

  private static Duration duration(PropertiesComponent pc, String key) {
    return Duration.ofMillis(TimeUtils.toMilliSeconds(prop(pc, key, "24h")));
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split("[;,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean bool(PropertiesComponent pc, String key) {
    return Boolean.parseBoolean(prop(pc, key, "false"));
  }

  private static String prop(PropertiesComponent pc, String key, String fallback) {
    return pc.resolveProperty(key).map(String::strip).orElse(fallback);
  }

  /** The given properties under a prefix, the prefix taken off (unset ones left out). */
  private static Map<String, String> settings(
      PropertiesComponent pc, String prefix, String... keys) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String key : keys) {
      pc.resolveProperty(prefix + key).ifPresent(v -> out.put(key, v.strip()));
    }
    return out;
  }
}
