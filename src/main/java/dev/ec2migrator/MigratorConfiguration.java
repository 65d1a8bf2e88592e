package dev.ec2migrator;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.Ec2Gateway;
import dev.ec2migrator.aws.PendingSnapshots;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.cleanup.Cleaner;
import dev.ec2migrator.cleanup.CleanupPlanner;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.deploy.CloudFormationClients;
import dev.ec2migrator.deploy.InstanceVerifier;
import dev.ec2migrator.deploy.StackDeployer;
import dev.ec2migrator.input.InboxGuard;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.input.ListFileReader;
import dev.ec2migrator.monitor.InboxLivenessCheck;
import dev.ec2migrator.network.SourceNetworkDescriber;
import dev.ec2migrator.network.SourceNetworks;
import dev.ec2migrator.output.ResultRows;
import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.quiesce.HookGroups;
import dev.ec2migrator.quiesce.Hooks;
import dev.ec2migrator.quiesce.MountPointRules;
import dev.ec2migrator.quiesce.QuiesceMode;
import dev.ec2migrator.quiesce.QuiesceModes;
import dev.ec2migrator.quiesce.QuiesceScript;
import dev.ec2migrator.quiesce.QuiesceSessions;
import dev.ec2migrator.quiesce.QuiesceStep;
import dev.ec2migrator.quiesce.SshTargets;
import dev.ec2migrator.quiesce.StopStep;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.FleetDescriber;
import dev.ec2migrator.run.InstanceSteps;
import dev.ec2migrator.run.RunRegistry;
import dev.ec2migrator.ssh.HostKeyVerifier;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(MigratorConfiguration.class);

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
                  "unbootable-pv-hosts",
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
    SshTargets targets =
        new SshTargets(
            prop(pc, "migrator.ssh.host", "{private-ip}"),
            prop(pc, "migrator.ssh.user", "ec2-user"),
            Integer.parseInt(prop(pc, "migrator.ssh.port", "22")),
            list(prop(pc, "migrator.quiesce.mount-points", "/")));
    String onFailure = prop(pc, "migrator.quiesce.on-failure", "fail");
    if (!onFailure.equals("fail") && !onFailure.equals("crash-consistent")) {
      throw new IllegalArgumentException(
          "migrator.quiesce.on-failure must be fail or crash-consistent, not " + onFailure);
    }
    for (String mountPoint : list(prop(pc, "migrator.quiesce.mount-points", "/"))) {
      String refusal = MountPointRules.refusal(mountPoint);
      if (refusal != null) {
        throw new IllegalArgumentException("migrator.quiesce.mount-points: " + refusal);
      }
    }

    // the one ssh client: identity, host-key check, and a bound on the remote command (camel-ssh
    // bounds connect/auth/channel-open only)
    Duration commandTimeout = duration(pc, "migrator.ssh.command-timeout");
    var sshClientBuilder =
        new BoundedSshClientBuilder(
            duration(pc, "migrator.ssh.timeout"),
            commandTimeout,
            Path.of(expandHome(prop(pc, "migrator.ssh.private-key-file", ""))),
            hostKeyVerifier(pc));
    closeOnStop(context, sshClientBuilder);
    registry.bind("sshClientBuilder", sshClientBuilder);
    Duration deadMan = duration(pc, "migrator.quiesce.dead-man");
    QuiesceSessions sessions = new QuiesceSessions(sshClientBuilder, deadMan.plus(commandTimeout));
    QuiesceScript script =
        new QuiesceScript(
            Map.of(
                QuiesceMode.FSFREEZE, templates(pc, "fsfreeze"),
                QuiesceMode.REMOUNT, templates(pc, "remount")),
            deadMan.toSeconds());
    QuiesceModes modes = new QuiesceModes(prop(pc, "migrator.quiesce.mode", null));
    registry.bind("sshTargets", targets);
    registry.bind("quiesceModes", modes);
    registry.bind(
        "quiesceStep",
        new QuiesceStep(
            targets,
            sessions,
            script,
            modes,
            hookGroups(pc),
            onFailure.equals("crash-consistent"),
            commandTimeout));
    registry.bind(
        "stopStep",
        new StopStep(
            gateway,
            duration(pc, "migrator.quiesce.stop.timeout"),
            duration(pc, "migrator.quiesce.stop.recheck").toMillis()));
    registry.bind("apiCallCounter", counter);
    registry.bind("ec2Clients", clients);
    registry.bind("apiRateLimiter", limiter);
    registry.bind("ec2Gateway", gateway);
    registry.bind("snapshotTracker", tracker);
    registry.bind("copySlots", copySlots);
    registry.bind(
        "pendingSnapshots",
        new PendingSnapshots(
            gateway, Long.parseLong(prop(pc, "migrator.quiesce.pending-snapshot-recheck", null))));
    registry.bind(
        "instanceSteps",
        new InstanceSteps(
            gateway,
            copySlots,
            m ->
                registry
                    .lookupByNameAndType("pvGrubBoot", dev.ec2migrator.pvgrub.PvGrubBoot.class)
                    .kernelFor(m),
            region -> prop(pc, "migrator.copy.kms-key-id." + region, "")));
    RunRegistry runs =
        new RunRegistry(
            new InstanceListParser(
                Long.parseLong(prop(pc, "migrator.input.max-bytes", "16777216")),
                Integer.parseInt(prop(pc, "migrator.input.max-instances", "100000"))),
            tracker,
            prop(pc, "migrator.source-region", null),
            prop(pc, "migrator.target-region", null));
    registry.bind("runRegistry", runs);
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
    BadInputReport reports = new BadInputReport();
    registry.bind("badInputReport", reports);
    registry.bind(
        "listFileReader",
        new ListFileReader(Long.parseLong(prop(pc, "migrator.input.max-bytes", "16777216"))));
    InboxGuard inboxGuard = new InboxGuard(reports);
    registry.bind("inboxGuard", inboxGuard);
    InboxLivenessCheck inboxLiveness =
        new InboxLivenessCheck(
            inboxGuard,
            runs,
            Path.of(prop(pc, "migrator.inbox", "inbox")),
            duration(pc, "migrator.inbox.stuck-after"));
    inboxLiveness.setCamelContext(context);
    registry.bind("health-" + inboxLiveness.getId(), inboxLiveness);
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

  private static QuiesceScript.Templates templates(PropertiesComponent pc, String mode) {
    return new QuiesceScript.Templates(
        prop(pc, "migrator.quiesce." + mode + ".freeze-command", null),
        prop(pc, "migrator.quiesce." + mode + ".thaw-command", null));
  }

  /** migrator.quiesce.hooks.<group>.pre / .post / .timeout, from configuration only. */
  private static HookGroups hookGroups(PropertiesComponent pc) {
    String prefix = "migrator.quiesce.hooks.";
    java.util.Properties all = pc.loadProperties(key -> key.startsWith(prefix));
    long defaultTimeout = duration(pc, "migrator.quiesce.hook-timeout").toSeconds();
    Map<String, HookGroups.Group> groups = new java.util.HashMap<>();
    for (String key : all.stringPropertyNames()) {
      String rest = key.substring(prefix.length());
      int dot = rest.lastIndexOf('.');
      String name = dot < 0 ? "" : rest.substring(0, dot);
      String part = rest.substring(dot + 1);
      if (!name.matches("[a-z0-9][a-z0-9-]*")
          || !List.of("pre", "post", "timeout").contains(part)) {
        throw new IllegalArgumentException(
            key
                + ": hooks are migrator.quiesce.hooks.<group>.pre, .post or .timeout, the group"
                + " in lower case letters, digits and '-'");
      }
      if (groups.containsKey(name)) {
        continue;
      }
      String timeout = all.getProperty(prefix + name + ".timeout");
      long seconds = timeout == null ? defaultTimeout : TimeUtils.toMilliSeconds(timeout) / 1000;
      groups.put(
          name,
          new HookGroups.Group(
              hooks(all.getProperty(prefix + name + ".pre"), seconds),
              hooks(all.getProperty(prefix + name + ".post"), seconds)));
    }
    return new HookGroups(groups);
  }

  private static Hooks hooks(String command, long timeoutSeconds) {
    return command == null || command.isBlank()
        ? new Hooks(List.of(), timeoutSeconds)
        : new Hooks(List.of(command), timeoutSeconds);
  }

  /**
   * Strict checking against the known-hosts file, or none when explicitly configured off: a blank
   * file name is an error, never a quiet way to turn checking off.
   */
  static HostKeyVerifier hostKeyVerifier(PropertiesComponent pc) {
    String checking = prop(pc, "migrator.ssh.host-key-checking", "");
    String knownHosts = prop(pc, "migrator.ssh.known-hosts-file", "");
    switch (checking) {
      case "strict" -> {
        if (knownHosts.isBlank()) {
          throw new IllegalArgumentException(
              "migrator.ssh.known-hosts-file is empty, so no host key could be checked: set it to"
                  + " a known_hosts file (ssh-keyscan writes one), or set"
                  + " migrator.ssh.host-key-checking=off to accept any host key");
        }
        return new HostKeyVerifier(Path.of(expandHome(knownHosts)));
      }
      case "off" -> {
        LOG.warn(
            "migrator.ssh.host-key-checking=off: host keys are NOT checked; whoever answers on a"
                + " host's address gets its quiesce commands");
        return null;
      }
      default ->
          throw new IllegalArgumentException(
              "migrator.ssh.host-key-checking must be strict or off, not '" + checking + "'");
    }
  }

  public static AwsCredentialsProvider credentials(String endpoint) {
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
