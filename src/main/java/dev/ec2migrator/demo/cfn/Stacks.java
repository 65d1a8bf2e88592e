package dev.ec2migrator.demo.cfn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stacks of each region in creation order; a deleted stack stays, found by its id only. Lock
 * order: a region's list, then a stack.
 */
final class Stacks {
  private final Map<String, List<Stack>> byRegion = new ConcurrentHashMap<>();

  /** The region's list itself: hold it to check a name and add a stack atomically. */
  List<Stack> of(String region) {
    return byRegion.computeIfAbsent(region, r -> new ArrayList<>());
  }

  /** By name (the live stack of that name) or by stack id (also a deleted one); null if none. */
  Stack find(String region, String nameOrId) {
    List<Stack> all = of(region);
    synchronized (all) {
      for (int i = all.size() - 1; i >= 0; i--) {
        Stack s = all.get(i);
        synchronized (s) {
          if (s.stackId.equals(nameOrId) || (s.name.equals(nameOrId) && !s.deleted())) {
            return s;
          }
        }
      }
    }
    return null;
  }

  Stack require(String region, String nameOrId) {
    Stack s = find(region, nameOrId);
    if (s == null) {
      throw CfnException.validation("Stack with id " + nameOrId + " does not exist");
    }
    return s;
  }

  /** The stacks not deleted, in creation order. */
  List<Stack> live(String region) {
    List<Stack> selected = new ArrayList<>();
    List<Stack> all = of(region);
    synchronized (all) {
      for (Stack s : all) {
        synchronized (s) {
          if (!s.deleted()) {
            selected.add(s);
          }
        }
      }
    }
    return selected;
  }

  /** The last stack that has a resource of this physical id, or null. */
  Stack holding(String region, String physicalId) {
    Stack found = null;
    List<Stack> all = of(region);
    synchronized (all) {
      for (Stack candidate : all) {
        synchronized (candidate) {
          if (candidate.resources.values().stream()
              .anyMatch(r -> physicalId.equals(r.physicalId))) {
            found = candidate;
          }
        }
      }
    }
    return found;
  }
}
