package dev.ec2migrator;

import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.quiesce.SudoersRules;
import dev.ec2migrator.wiring.ConfigValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Prints, per host of a list, the sudo rules for exactly the quiesce commands the migrator will run
 * there: the configured mode's freeze and thaw templates on the host's mount points (the list's
 * mount_points, else migrator.quiesce.mount-points), for its ssh user. Reads no EC2 data: a user
 * template's {@code {tag:Key|default}} gives its default, or the list's ssh_user / --user says.
 */
@Command(
    name = "sudoers",
    description = "Print exact per-host sudo rules for the quiesce commands of a list.")
final class SudoersCommand implements Callable<Integer> {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}|]+)(?:\\|([^}]*))?}");

  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "the instance list (as for migrate)")
  Path file;

  @Option(
      names = "--user",
      description = "the migrator's login on every host (default: as migrate)")
  String user;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    InstanceList list = ListArgument.read(launcher, file, null);
    if (list == null) {
      return 2;
    }
    try {
      String mode = launcher.property("migrator.quiesce.mode");
      SudoersRules rules = new SudoersRules(templates(launcher, mode));
      List<String> defaultMounts =
          ConfigValues.list(launcher.property("migrator.quiesce.mount-points"));
      StringBuilder out = new StringBuilder();
      out.append("# ec2-region-migrator sudo rules, quiesce mode ")
          .append(mode)
          .append(": install each host's lines as /etc/sudoers.d/ec2-region-migrator")
          .append(" (mode 0440, check with visudo -cf)\n");
      for (InstanceEntry entry : list.entries()) {
        List<String> mounts = entry.mountPoints() != null ? entry.mountPoints() : defaultMounts;
        String login = login(entry, launcher.property("migrator.ssh.user"));
        out.append("\n# ")
            .append(entry.instanceId())
            .append(" (line ")
            .append(entry.line())
            .append("): user ")
            .append(login)
            .append(", mount points ")
            .append(String.join(" ", mounts))
            .append('\n');
        List<String> lines = rules.lines(login, mounts);
        if (lines.isEmpty()) {
          out.append("# (no sudo command runs in quiesce mode ").append(mode).append(")\n");
        }
        lines.forEach(line -> out.append(line).append('\n'));
      }
      System.out.print(out);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }

  /** The templates the quiesce of a mode runs; auto may run either fsfreeze or remount. */
  private static List<String> templates(Launcher launcher, String mode) {
    List<String> modes =
        switch (mode) {
          case "remount", "fsfreeze" -> List.of(mode);
          case "auto" -> List.of("fsfreeze", "remount");
          case "none", "stop" -> List.of();
          default ->
              throw new IllegalArgumentException(
                  "migrator.quiesce.mode '" + mode + "' is not a quiesce mode");
        };
    List<String> templates = new ArrayList<>();
    for (String m : modes) {
      templates.add(launcher.property("migrator.quiesce." + m + ".freeze-command"));
      templates.add(launcher.property("migrator.quiesce." + m + ".thaw-command"));
    }
    return templates;
  }

  private String login(InstanceEntry entry, String template) {
    if (user != null) {
      return user;
    }
    if (entry.sshUser() != null) {
      return entry.sshUser();
    }
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value =
          switch (matcher.group(1)) {
            case "instance-id" -> entry.instanceId();
            default -> {
              if (!matcher.group(1).startsWith("tag:") || matcher.group(2) == null) {
                throw new IllegalArgumentException(
                    "line "
                        + entry.line()
                        + ": the user template "
                        + template
                        + " needs EC2 data; give the user with --user or the ssh_user column");
              }
              yield matcher.group(2);
            }
          };
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
