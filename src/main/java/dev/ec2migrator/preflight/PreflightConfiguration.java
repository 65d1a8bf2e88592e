package dev.ec2migrator.preflight;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.PendingSnapshots;
import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.quiesce.QuiesceModes;
import dev.ec2migrator.quiesce.SshTargets;
import dev.ec2migrator.quiesce.SudoersRules;
import dev.ec2migrator.run.RunRegistry;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * The preflight runner and its checks, on top of the beans {@code MigratorConfiguration} bound (so
 * it is added after it; camel-main runs every configuration's injection before any {@code
 * configure}, which is why these are bound here and not by {@code @BindToRegistry} methods).
 */
public class PreflightConfiguration implements CamelConfiguration {

  @Override
  public void configure(CamelContext context) {
    Registry registry = context.getRegistry();
    PropertiesComponent pc = context.getPropertiesComponent();
    Ec2Clients clients = required(registry, "ec2Clients", Ec2Clients.class);
    ApiRateLimiter limiter = required(registry, "apiRateLimiter", ApiRateLimiter.class);
    QuiesceModes modes = required(registry, "quiesceModes", QuiesceModes.class);

    registry.bind("preflight", new Preflight(registry));
    registry.bind("preflightReport", new PreflightReport(property(pc, "migrator.outbox")));
    registry.bind("rootVolumeCheck", new RootVolumeCheck());
    InstanceTypeOfferedCheck offered =
        new InstanceTypeOfferedCheck(clients, limiter, property(pc, "migrator.network.az-map"));
    required(registry, "runRegistry", RunRegistry.class).addListener(offered);
    registry.bind("instanceTypeOfferedCheck", offered);
    DryRunPermissionCheck dryRun = new DryRunPermissionCheck(clients, limiter, modes);
    required(registry, "runRegistry", RunRegistry.class).addListener(dryRun);
    registry.bind("dryRunPermissionCheck", dryRun);
    registry.bind(
        "pendingSnapshotsNote",
        new PendingSnapshotsNote(required(registry, "pendingSnapshots", PendingSnapshots.class)));
    registry.bind(
        "sshHostCheck",
        new SshHostCheck(
            required(registry, "sshClientBuilder", BoundedSshClientBuilder.class),
            new SshTargets(
                property(pc, "migrator.ssh.host"),
                property(pc, "migrator.ssh.user"),
                Integer.parseInt(property(pc, "migrator.ssh.port")),
                Arrays.stream(property(pc, "migrator.quiesce.mount-points").split("[;,]"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList()),
            modes,
            rules(pc, "fsfreeze"),
            rules(pc, "remount")));
  }

  private static SudoersRules rules(PropertiesComponent pc, String mode) {
    return new SudoersRules(
        List.of(
            property(pc, "migrator.quiesce." + mode + ".freeze-command"),
            property(pc, "migrator.quiesce." + mode + ".thaw-command")));
  }

  private static String property(PropertiesComponent pc, String key) {
    return pc.resolveProperty(key)
        .map(String::strip)
        .orElseThrow(() -> new IllegalStateException(key + " is not set in config/"));
  }

  private static <T> T required(Registry registry, String name, Class<T> type) {
    T bean = registry.lookupByNameAndType(name, type);
    if (bean == null) {
      throw new IllegalStateException(
          "bean " + name + " not found: add PreflightConfiguration after MigratorConfiguration");
    }
    return bean;
  }
}
