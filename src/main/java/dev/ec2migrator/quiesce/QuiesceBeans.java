package dev.ec2migrator.quiesce;

import static dev.ec2migrator.wiring.Lifecycle.closeOnStop;

import dev.ec2migrator.aws.InstancePower;
import dev.ec2migrator.ssh.HostKeyVerifier;
import dev.ec2migrator.wiring.ConfigValues;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quiesce side: the one SSH client (identity, host-key check, a bound on each remote command),
 * the quiesce step with its templates and hooks, and the stop step of mode {@code stop}. A setting
 * that cannot work (an unknown on-failure, a kernel mount point, a blank known-hosts file with
 * strict checking) stops the start with its property's name.
 */
public class QuiesceBeans implements CamelConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(QuiesceBeans.class);
  private static final String HOOKS = "migrator.quiesce.hooks.";

  /**
   * The one SSH client, bound as sshClientBuilder for the camel-ssh endpoints: camel-ssh's own
   * timeout bounds connect, auth and channel-open only, this also each command. MINA's
   * ClientBuilder is a Supplier of clients, and @BindToRegistry would bind what it supplies: so the
   * builder is bound as itself here, with the sessions that use it.
   */
  @BindToRegistry("quiesceSessions")
  public QuiesceSessions quiesceSessions(
      CamelContext context,
      @PropertyInject("migrator.ssh.timeout") Duration timeout,
      @PropertyInject("migrator.ssh.command-timeout") Duration commandTimeout,
      @PropertyInject("migrator.ssh.private-key-file") String privateKeyFile,
      @PropertyInject("migrator.ssh.host-key-checking") String checking,
      @PropertyInject("migrator.ssh.known-hosts-file") String knownHostsFile,
      @PropertyInject("migrator.quiesce.dead-man") Duration deadMan)
      throws Exception {
    BoundedSshClientBuilder sshClients =
        closeOnStop(
            context,
            new BoundedSshClientBuilder(
                timeout,
                commandTimeout,
                ConfigValues.path(privateKeyFile),
                hostKeyVerifier(checking.strip(), knownHostsFile.strip())));
    context.getRegistry().bind("sshClientBuilder", sshClients);
    // a session is held at most until the dead-man released the host and a command answered
    return new QuiesceSessions(sshClients, deadMan.plus(commandTimeout));
  }

  /** Where each instance's SSH session goes: list columns, tags, then these defaults. */
  @BindToRegistry("sshTargets")
  public SshTargets sshTargets(
      @PropertyInject("migrator.ssh.host") String host,
      @PropertyInject("migrator.ssh.user") String user,
      @PropertyInject("migrator.ssh.port") int port,
      @PropertyInject("migrator.quiesce.mount-points") String mountPoints) {
    List<String> mounts = ConfigValues.list(mountPoints);
    for (String mountPoint : mounts) {
      String refusal = MountPointRules.refusal(mountPoint);
      if (refusal != null) {
        throw new IllegalArgumentException("migrator.quiesce.mount-points: " + refusal);
      }
    }
    return new SshTargets(host.strip(), user.strip(), port, mounts);
  }

  @BindToRegistry("quiesceModes")
  public QuiesceModes quiesceModes(@PropertyInject("migrator.quiesce.mode") String mode) {
    return new QuiesceModes(mode.strip());
  }

  @BindToRegistry("quiesceStep")
  public QuiesceStep quiesceStep(
      CamelContext context,
      QuiesceSessions sessions,
      QuiesceModes modes,
      SshTargets targets,
      @PropertyInject("migrator.quiesce.on-failure") String onFailure,
      @PropertyInject("migrator.quiesce.dead-man") Duration deadMan,
      @PropertyInject("migrator.ssh.command-timeout") Duration commandTimeout,
      @PropertyInject("migrator.quiesce.hook-timeout") Duration hookTimeout,
      @PropertyInject("migrator.quiesce.fsfreeze.freeze-command") String fsfreezeFreeze,
      @PropertyInject("migrator.quiesce.fsfreeze.thaw-command") String fsfreezeThaw,
      @PropertyInject("migrator.quiesce.remount.freeze-command") String remountFreeze,
      @PropertyInject("migrator.quiesce.remount.thaw-command") String remountThaw) {
    if (!onFailure.strip().equals("fail") && !onFailure.strip().equals("crash-consistent")) {
      throw new IllegalArgumentException(
          "migrator.quiesce.on-failure must be fail or crash-consistent, not " + onFailure.strip());
    }
    QuiesceScript script =
        new QuiesceScript(
            Map.of(
                QuiesceMode.FSFREEZE,
                new QuiesceScript.Templates(fsfreezeFreeze.strip(), fsfreezeThaw.strip()),
                QuiesceMode.REMOUNT,
                new QuiesceScript.Templates(remountFreeze.strip(), remountThaw.strip())),
            deadMan.toSeconds());
    return new QuiesceStep(
        targets,
        sessions,
        script,
        modes,
        hookGroups(
            context.getPropertiesComponent().loadProperties(k -> k.startsWith(HOOKS)), hookTimeout),
        onFailure.strip().equals("crash-consistent"),
        commandTimeout);
  }

  @BindToRegistry("stopStep")
  public StopStep stopStep(
      InstancePower power,
      @PropertyInject("migrator.quiesce.stop.timeout") Duration stopTimeout,
      @PropertyInject("migrator.quiesce.stop.recheck") Duration recheck) {
    return new StopStep(power, stopTimeout, recheck.toMillis());
  }

  /**
   * Strict checking against the known-hosts file, or none when explicitly configured off: a blank
   * file name is an error, never a quiet way to turn checking off.
   */
  static HostKeyVerifier hostKeyVerifier(String checking, String knownHostsFile) {
    switch (checking) {
      case "strict" -> {
        if (knownHostsFile.isBlank()) {
          throw new IllegalArgumentException(
              "migrator.ssh.known-hosts-file is empty, so no host key could be checked: set it to"
                  + " a known_hosts file (ssh-keyscan writes one), or set"
                  + " migrator.ssh.host-key-checking=off to accept any host key");
        }
        return new HostKeyVerifier(ConfigValues.path(knownHostsFile));
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

  /**
   * migrator.quiesce.hooks.&lt;group&gt;.pre / .post / .timeout: commands come from configuration
   * only, a group without a timeout gets migrator.quiesce.hook-timeout.
   */
  static HookGroups hookGroups(Properties all, Duration defaultTimeout) {
    Map<String, HookGroups.Group> groups = new HashMap<>();
    for (String key : all.stringPropertyNames()) {
      String rest = key.substring(HOOKS.length());
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
      String timeout = all.getProperty(HOOKS + name + ".timeout");
      long seconds =
          timeout == null
              ? defaultTimeout.toSeconds()
              : TimeUtils.toMilliSeconds(timeout.strip()) / 1000;
      groups.put(
          name,
          new HookGroups.Group(
              hooks(all.getProperty(HOOKS + name + ".pre"), seconds),
              hooks(all.getProperty(HOOKS + name + ".post"), seconds)));
    }
    return new HookGroups(groups);
  }

  private static Hooks hooks(String command, long timeoutSeconds) {
    return command == null || command.isBlank()
        ? new Hooks(List.of(), timeoutSeconds)
        : new Hooks(List.of(command.strip()), timeoutSeconds);
  }
}
