package dev.ec2migrator.quiesce;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import java.util.Map;

/**
 * The application hooks of each host group ({@code migrator.quiesce.hooks.<group>.pre}, {@code
 * .post}, {@code .timeout}). An instance's group is named by its tag {@value #TAG} (checked against
 * the configured groups; a tag can only choose, never supply, a command), else the group {@code
 * default} if there is one; no group, no hooks.
 */
public class HookGroups {
  public static final String TAG = "migrator:hook-group";
  public static final String DEFAULT = "default";

  /** The pre and post hooks of one group. */
  public record Group(Hooks pre, Hooks post) {}

  private final Map<String, Group> groups;

  public HookGroups(Map<String, Group> groups) {
    this.groups = Map.copyOf(groups);
  }

  public Group of(InstanceMigration m) {
    String name = m.source().tags().get(TAG);
    if (name == null) {
      return groups.getOrDefault(DEFAULT, new Group(Hooks.NONE, Hooks.NONE));
    }
    Group group = groups.get(name);
    if (group == null) {
      throw new MigrationException(
          m.instanceId(),
          "quiesce",
          "UnknownHookGroup",
          "tag "
              + TAG
              + " names a hook group that is not configured (migrator.quiesce.hooks.<group>)");
    }
    return group;
  }
}
