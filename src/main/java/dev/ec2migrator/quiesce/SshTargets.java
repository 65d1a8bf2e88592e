package dev.ec2migrator.quiesce;

import dev.ec2migrator.input.Identifier;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves where and as whom to reach an instance over SSH: the list's ssh_host / ssh_user columns
 * win, else the configured templates, which may name {@code {instance-id}}, {@code {private-ip}}
 * and {@code {tag:Key|default}} (AMIs differ in their login user). Resolved values are checked
 * again, because a tag is not validated input.
 */
public class SshTargets {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}|]+)(?:\\|([^}]*))?}");

  private final String hostTemplate;
  private final String userTemplate;
  private final int defaultPort;
  private final List<String> defaultMountPoints;

  public SshTargets(
      String hostTemplate, String userTemplate, int defaultPort, List<String> defaultMountPoints) {
    this.hostTemplate = hostTemplate;
    this.userTemplate = userTemplate;
    this.defaultPort = defaultPort;
    this.defaultMountPoints = List.copyOf(defaultMountPoints);
  }

  public String host(InstanceMigration m) {
    String host = m.entry().sshHost() != null ? m.entry().sshHost() : resolve(hostTemplate, m);
    return checked(host, Identifier.SSH_HOST, "ssh host", m);
  }

  public int port(InstanceMigration m) {
    return m.entry().sshPort() != null ? m.entry().sshPort() : defaultPort;
  }

  public String user(InstanceMigration m) {
    String user = m.entry().sshUser() != null ? m.entry().sshUser() : resolve(userTemplate, m);
    return checked(user, Identifier.SSH_USER, "ssh user", m);
  }

  public List<String> mountPoints(InstanceMigration m) {
    return m.entry().mountPoints() != null ? m.entry().mountPoints() : defaultMountPoints;
  }

  static String resolve(String template, InstanceMigration m) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value(matcher.group(1), matcher.group(2), m)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String value(String name, String fallback, InstanceMigration m) {
    String value =
        switch (name) {
          case "instance-id" -> m.instanceId();
          case "private-ip" -> m.source().privateIp();
          default -> {
            if (!name.startsWith("tag:")) {
              throw new IllegalArgumentException(
                  "unknown placeholder {" + name + "} in an ssh template");
            }
            Map<String, String> tags = m.source().tags();
            yield tags.get(name.substring(4));
          }
        };
    return value == null || value.isEmpty() ? (fallback == null ? "" : fallback) : value;
  }

  private static String checked(String value, Identifier format, String what, InstanceMigration m) {
    if (!format.matches(value)) {
      throw new MigrationException(
          m.instanceId(), "quiesce", "InvalidSshTarget", what + " '" + value + "' is not valid");
    }
    return value;
  }
}
