package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Exception;
import dev.ec2migrator.demo.ec2.Ec2Provisioner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Runs stack operations on their own threads at a simulated pace: creates resources in dependency
 * order, rolls back what it made when one fails, deletes in reverse order, and updates by creating
 * what is new or changed (a changed resource is replaced) and then removing what is gone.
 *
 * <p>Size: create, update and delete with their rollbacks are three orders over one provisioning
 * loop and one event log, and CloudFormation's statuses tie them together (a failed create rolls
 * back through delete, a failed update through the previous template); what resources see of a
 * stack is {@link StackBindings}.
 */
final class StackEngine {
  private final Ec2Provisioner ec2;
  private final ExecutorService executor;
  private final Exports exports;
  private final StackBindings bindings;

  StackEngine(
      Ec2Provisioner ec2,
      ExecutorService executor,
      Exports exports,
      CloudFormationCounters counters) {
    this.ec2 = ec2;
    this.executor = executor;
    this.exports = exports;
    this.bindings = new StackBindings(ec2, exports, counters);
  }

  void create(Stack s) {
    executor.submit(() -> operate(s, () -> runCreate(s)));
  }

  void update(Stack s, Template template, String body, Map<String, String> parameters) {
    executor.submit(() -> operate(s, () -> runUpdate(s, template, body, parameters)));
  }

  void delete(Stack s) {
    executor.submit(() -> operate(s, () -> runDelete(s, "DELETE")));
  }

  private static void operate(Stack s, Runnable op) {
    synchronized (s.operation) {
      try {
        op.run();
      } catch (RuntimeException e) {
        synchronized (s) {
          s.status = s.status.replace("_IN_PROGRESS", "_FAILED");
          s.reason = "Simulator failure: " + e;
        }
      }
    }
  }

  // --- create

  private void runCreate(Stack s) {
    stackEvent(s, "CREATE_IN_PROGRESS", "User Initiated");
    Map<String, Stack.Resource> current = new LinkedHashMap<>();
    Resolver resolver = bindings.resolver(s, s.template, s.parameters, current);
    String failed = provisionAll(s, s.template, resolver, Map.of(), current, List.of());
    if (failed == null) {
      failed = outputs(s, s.template, resolver);
    }
    if (failed == null) {
      stackEvent(s, "CREATE_COMPLETE", null);
      return;
    }
    if ("DO_NOTHING".equals(s.onFailure) || s.disableRollback) {
      stackEvent(s, "CREATE_FAILED", failed);
      return;
    }
    if ("DELETE".equals(s.onFailure)) {
      stackEvent(s, "CREATE_FAILED", failed);
      runDelete(s, "DELETE");
      return;
    }
    stackEvent(s, "ROLLBACK_IN_PROGRESS", failed);
    String notDeleted = deleteAll(s, new ArrayList<>(current.values()));
    stackEvent(
        s,
        notDeleted == null ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED",
        notDeleted == null ? null : notDeleted);
    if (notDeleted == null) {
      synchronized (s) {
        // the stack keeps saying which resource failed
        s.reason = failed;
      }
    }
  }

  /**
   * Creates (or replaces) the template's resources in order, adding them to {@code current}.
   *
   * @param previous the resources before an update (kept when unchanged)
   * @param replaced collects the previous resources that new ones replaced
   * @return the stack status reason if a resource failed, else null
   */
  private String provisionAll(
      Stack s,
      Template template,
      Resolver resolver,
      Map<String, Stack.Resource> previous,
      Map<String, Stack.Resource> current,
      List<Stack.Resource> replaced) {
    for (String id : template.order()) {
      Template.Resource def = template.resources().get(id);
      Stack.Resource r = new Stack.Resource(id, def.type());
      try {
        if (def.condition() != null && !resolver.condition(def.condition())) {
          continue;
        }
        Map<String, Object> props = resolveProperties(resolver, def);
        Stack.Resource old = previous.get(id);
        if (old != null
            && old.type.equals(def.type())
            && old.properties.equals(props)
            && old.created != null) {
          current.put(id, old);
          continue;
        }
        r.properties = props;
        String phase = old == null ? "CREATE" : "UPDATE";
        synchronized (s) {
          current.put(id, r);
          if (old != null) {
            s.resources.put(id, r);
          }
        }
        resourceEvent(
            s,
            r,
            phase + "_IN_PROGRESS",
            old == null
                ? null
                : "Requested update requires the creation of a new physical resource; hence creating"
                    + " one.");
        ResourceTypes.Type type = ResourceTypes.of(def.type());
        bindings.pace(type.seconds());
        r.created = type.handler().create(bindings.provision(s, id), new Props(id, props));
        r.physicalId = r.created.physicalId();
        resourceEvent(s, r, phase + "_IN_PROGRESS", "Resource creation Initiated");
        resourceEvent(s, r, phase + "_COMPLETE", null);
        if (old != null) {
          replaced.add(old);
        }
      } catch (Props.Failure | CfnException e) {
        return failed(s, r, current, e.getMessage(), previous.containsKey(id));
      } catch (Ec2Exception e) {
        return failed(s, r, current, ec2Reason(e), previous.containsKey(id));
      }
    }
    return null;
  }

  private String failed(
      Stack s,
      Stack.Resource r,
      Map<String, Stack.Resource> current,
      String reason,
      boolean update) {
    synchronized (s) {
      current.putIfAbsent(r.logicalId, r);
    }
    resourceEvent(s, r, update ? "UPDATE_FAILED" : "CREATE_FAILED", reason);
    return "The following resource(s) failed to "
        + (update ? "update" : "create")
        + ": ["
        + r.logicalId
        + "]. "
        + (update ? "" : "Rollback requested by user.");
  }

  private static Map<String, Object> resolveProperties(Resolver resolver, Template.Resource def) {
    Object resolved = resolver.resolve(def.properties());
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) resolved;
    return Collections.unmodifiableMap(props);
  }

  /** AWS's text for a failed EC2 call inside a resource handler. */
  private static String ec2Reason(Ec2Exception e) {
    return e.getMessage()
        + " (Service: AmazonEC2; Status Code: 400; Error Code: "
        + e.code()
        + "; Request ID: "
        + UUID.randomUUID()
        + "; Proxy: null)";
  }

  private String outputs(Stack s, Template template, Resolver resolver) {
    Map<String, String[]> out = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Object> e : template.outputs().entrySet()) {
        Map<String, Object> def = Template.map(e.getValue(), "Outputs/" + e.getKey());
        if (def.get("Condition") instanceof String c && !resolver.condition(c)) {
          continue;
        }
        Object value = resolver.resolve(def.get("Value"));
        Object export =
            def.get("Export") instanceof Map<?, ?> ex ? resolver.resolve(ex.get("Name")) : null;
        out.put(
            e.getKey(),
            new String[] {
              value instanceof List<?> l
                  ? String.join(",", l.stream().map(String::valueOf).toList())
                  : String.valueOf(value),
              def.get("Description") == null ? null : String.valueOf(def.get("Description")),
              export == null ? null : String.valueOf(export)
            });
      }
      Map<String, String> exported = new LinkedHashMap<>();
      out.values().stream().filter(v -> v[2] != null).forEach(v -> exported.put(v[2], v[0]));
      exports.publish(s.region, s.stackId, s.name, exported);
    } catch (CfnException e) {
      return e.getMessage();
    }
    synchronized (s) {
      s.outputs = out;
    }
    return null;
  }

  // --- update

  private void runUpdate(Stack s, Template template, String body, Map<String, String> parameters) {
    Map<String, Stack.Resource> previous;
    Template oldTemplate;
    Map<String, String> oldParameters;
    String oldBody;
    synchronized (s) {
      previous = new LinkedHashMap<>(s.resources);
      oldTemplate = s.template;
      oldParameters = s.parameters;
      oldBody = s.templateBody;
      s.template = template;
      s.templateBody = body;
      s.parameters = parameters;
    }
    stackEvent(s, "UPDATE_IN_PROGRESS", "User Initiated");
    Map<String, Stack.Resource> current = new LinkedHashMap<>();
    List<Stack.Resource> replaced = new ArrayList<>();
    Resolver resolver = bindings.resolver(s, template, parameters, current);
    String failed = provisionAll(s, template, resolver, previous, current, replaced);
    if (failed == null) {
      failed = outputs(s, template, resolver);
    }
    if (failed != null) {
      stackEvent(s, "UPDATE_ROLLBACK_IN_PROGRESS", failed);
      List<Stack.Resource> made =
          current.values().stream().filter(r -> !previous.containsValue(r)).toList();
      deleteAll(s, new ArrayList<>(made));
      synchronized (s) {
        s.resources.clear();
        s.resources.putAll(previous);
        s.template = oldTemplate;
        s.parameters = oldParameters;
        s.templateBody = oldBody;
      }
      stackEvent(s, "UPDATE_ROLLBACK_COMPLETE", null);
      return;
    }
    synchronized (s) {
      s.resources.clear();
      s.resources.putAll(current);
    }
    stackEvent(s, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
    List<Stack.Resource> gone = new ArrayList<>(replaced);
    previous.values().stream().filter(r -> !current.containsKey(r.logicalId)).forEach(gone::add);
    // the old resources go in reverse of their creation order
    List<Stack.Resource> ordered = previous.values().stream().filter(gone::contains).toList();
    deleteAll(s, new ArrayList<>(ordered));
    stackEvent(s, "UPDATE_COMPLETE", null);
  }

  // --- delete

  private void runDelete(Stack s, String phase) {
    List<Stack.Resource> all;
    synchronized (s) {
      all = new ArrayList<>(s.resources.values());
    }
    stackEvent(s, phase + "_IN_PROGRESS", "User Initiated");
    String inUse = exports.inUse(s.region, s.stackId, s.name);
    if (inUse != null) {
      stackEvent(s, phase + "_FAILED", inUse);
      return;
    }
    String notDeleted = deleteAll(s, all);
    if (notDeleted != null) {
      stackEvent(s, phase + "_FAILED", notDeleted);
      return;
    }
    exports.remove(s.stackId, s.name);
    synchronized (s) {
      s.deletionTime = ec2.now();
    }
    stackEvent(s, phase + "_COMPLETE", null);
  }

  /**
   * Deletes resources in reverse order.
   *
   * @return the stack status reason if some could not be deleted, else null
   */
  private String deleteAll(Stack s, List<Stack.Resource> resources) {
    Collections.reverse(resources);
    List<String> failed = new ArrayList<>();
    for (Stack.Resource r : resources) {
      if ("DELETE_COMPLETE".equals(r.status)) {
        continue;
      }
      resourceEvent(s, r, "DELETE_IN_PROGRESS", null);
      try {
        if (r.created != null) {
          ResourceTypes.Type type = ResourceTypes.of(r.type);
          bindings.pace(type.seconds());
          type.handler()
              .delete(
                  bindings.provision(s, r.logicalId),
                  r.created,
                  new Props(r.logicalId, r.properties));
        }
        resourceEvent(s, r, "DELETE_COMPLETE", null);
      } catch (Ec2Exception e) {
        resourceEvent(s, r, "DELETE_FAILED", ec2Reason(e));
        failed.add(r.logicalId);
      } catch (Props.Failure e) {
        resourceEvent(s, r, "DELETE_FAILED", e.getMessage());
        failed.add(r.logicalId);
      }
    }
    return failed.isEmpty() ? null : "The following resource(s) failed to delete: " + failed + ". ";
  }

  private void stackEvent(Stack s, String status, String reason) {
    synchronized (s) {
      s.status = status;
      s.reason = reason;
      if (status.startsWith("UPDATE_")) {
        s.lastUpdatedTime = ec2.now();
      }
      s.events.add(
          new Stack.Event(
              UUID.randomUUID().toString(),
              s.name,
              s.stackId,
              "AWS::CloudFormation::Stack",
              ec2.now(),
              status,
              reason));
    }
  }

  private void resourceEvent(Stack s, Stack.Resource r, String status, String reason) {
    synchronized (s) {
      r.status = status;
      r.reason = reason;
      r.timestamp = ec2.now();
      if (!s.resources.containsKey(r.logicalId) && !status.startsWith("DELETE")) {
        s.resources.put(r.logicalId, r);
      }
      s.events.add(
          new Stack.Event(
              r.logicalId + "-" + UUID.randomUUID(),
              r.logicalId,
              r.physicalId == null ? "" : r.physicalId,
              r.type,
              ec2.now(),
              status,
              reason));
    }
  }
}
