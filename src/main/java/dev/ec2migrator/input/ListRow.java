package dev.ec2migrator.input;

import dev.ec2migrator.quiesce.MountPointRules;
import dev.ec2migrator.quiesce.QuiesceMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CSV line of an instance list, validated: every value that may later reach a shell, a CSV or a
 * template must match its {@link Identifier} format, so nothing hostile gets past intake.
 */
final class ListRow {
  private final Map<String, String> cells;
  private final int line;
  private final ListProblems problems;

  private ListRow(Map<String, String> cells, int line, ListProblems problems) {
    this.cells = cells;
    this.line = line;
    this.problems = problems;
  }

  /** The line's entry, or empty with its problems noted. */
  static Optional<InstanceEntry> entry(Map<String, String> cells, int line, ListProblems problems) {
    return new ListRow(cells, line, problems).entry();
  }

  private Optional<InstanceEntry> entry() {
    int before = problems.count();
    String id = cells.getOrDefault("instance_id", "");
    check("instance_id", id, Identifier.INSTANCE_ID);
    String sourceRegion = optional("source_region", Identifier.REGION);
    String targetRegion = optional("target_region", Identifier.REGION);
    String subnet = optional("target_subnet_id", Identifier.SUBNET_ID);
    String user = optional("ssh_user", Identifier.SSH_USER);
    SshAddress ssh = sshHost();
    List<String> mountPoints = mountPoints();
    String mode = quiesceMode();
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new InstanceEntry(
            line,
            id,
            sourceRegion,
            targetRegion,
            subnet,
            ssh.host(),
            ssh.port(),
            user,
            mountPoints,
            mode));
  }

  private String value(String column) {
    String value = cells.get(column);
    return value == null || value.isEmpty() ? null : value;
  }

  private String optional(String column, Identifier format) {
    String value = value(column);
    if (value != null) {
      check(column, value, format);
    }
    return value;
  }

  private void check(String column, String value, Identifier format) {
    if (!format.matches(value)) {
      problems.add(line, column + " " + ListProblems.quote(value) + " is not " + format.expected());
    }
  }

  /** The ssh_host column: host, or host:port; both null when the column is empty. */
  private record SshAddress(String host, Integer port) {}

  private SshAddress sshHost() {
    String value = value("ssh_host");
    if (value == null) {
      return new SshAddress(null, null);
    }
    String[] parts = value.split(":", -1);
    if (parts.length > 2 || !Identifier.SSH_HOST.matches(parts[0])) {
      problems.add(line, "ssh_host " + ListProblems.quote(value) + " is not host or host:port");
      return new SshAddress(null, null);
    }
    if (parts.length == 1) {
      return new SshAddress(parts[0], null);
    }
    Integer port = port(parts[1]);
    if (port == null) {
      problems.add(line, "ssh_host " + ListProblems.quote(value) + " has an invalid port");
    }
    return new SshAddress(parts[0], port);
  }

  private static Integer port(String value) {
    if (!value.matches("\\d{1,5}")) {
      return null;
    }
    int port = Integer.parseInt(value);
    return port >= 1 && port <= 65535 ? port : null;
  }

  private List<String> mountPoints() {
    String value = value("mount_points");
    if (value == null) {
      return null;
    }
    List<String> mountPoints = Arrays.stream(value.split(";")).map(String::strip).toList();
    for (String mp : mountPoints) {
      if (!Identifier.MOUNT_POINT.matches(mp)) {
        problems.add(
            line,
            "mount point "
                + ListProblems.quote(mp)
                + " is not "
                + Identifier.MOUNT_POINT.expected());
      } else if (MountPointRules.refusal(mp) != null) {
        problems.add(line, MountPointRules.refusal(mp));
      }
    }
    return mountPoints;
  }

  private String quiesceMode() {
    String mode = value("quiesce_mode");
    if (mode != null && QuiesceMode.parse(mode) == null) {
      problems.add(
          line, "quiesce_mode " + ListProblems.quote(mode) + " is not " + QuiesceMode.allowed());
    }
    return mode;
  }
}
