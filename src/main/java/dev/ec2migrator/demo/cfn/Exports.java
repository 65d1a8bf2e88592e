package dev.ec2migrator.demo.cfn;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exported outputs of a region's stacks and which stacks import them: an export name is unique
 * per region, and a stack whose export another stack imports cannot be deleted.
 */
final class Exports {
  private record Export(String stackId, String stackName, String value) {}

  private final Map<String, Export> exports = new HashMap<>();
  private final Map<String, Set<String>> importers = new HashMap<>();

  private static String key(String region, String name) {
    return region + "/" + name;
  }

  /** Publishes a stack's exports, replacing the ones it had. */
  synchronized void publish(
      String region, String stackId, String stackName, Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      Export other = exports.get(key(region, e.getKey()));
      if (other != null && !other.stackId().equals(stackId)) {
        throw CfnException.validation(
            "Export with name "
                + e.getKey()
                + " is already exported by stack "
                + other.stackName());
      }
    }
    exports.values().removeIf(x -> x.stackId().equals(stackId));
    values.forEach(
        (name, value) -> exports.put(key(region, name), new Export(stackId, stackName, value)));
  }

  synchronized String importValue(String region, String name, String importingStack) {
    Export e = exports.get(key(region, name));
    if (e == null) {
      throw CfnException.validation(
          "No export named " + name + " found. Rollback requested by user.");
    }
    importers.computeIfAbsent(key(region, name), k -> new LinkedHashSet<>()).add(importingStack);
    return e.value();
  }

  /** Why the stack cannot be deleted now (an export in use), or null. */
  synchronized String inUse(String region, String stackId, String stackName) {
    for (Map.Entry<String, Export> e : exports.entrySet()) {
      if (!e.getValue().stackId().equals(stackId)) {
        continue;
      }
      Set<String> users = importers.getOrDefault(e.getKey(), Set.of());
      List<String> others = users.stream().filter(u -> !u.equals(stackName)).toList();
      if (!others.isEmpty()) {
        String name = e.getKey().substring(region.length() + 1);
        return "Export "
            + name
            + " cannot be deleted as it is in use by "
            + String.join(", ", others);
      }
    }
    return null;
  }

  /** Forgets a deleted stack's exports and its imports. */
  synchronized void remove(String stackId, String stackName) {
    exports.values().removeIf(x -> x.stackId().equals(stackId));
    importers.values().forEach(s -> s.remove(stackName));
  }
}
