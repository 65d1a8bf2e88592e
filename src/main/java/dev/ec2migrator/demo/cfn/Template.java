package dev.ec2migrator.demo.cfn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed and checked template: what CloudFormation refuses before it creates anything.
 *
 * <p>Size: CloudFormation refuses a template as a whole before it creates anything, so parsing and
 * the checks of parameters, resources, references and their order are one pass over the same maps;
 * the YAML reading is {@link TemplateYaml}, the values {@link Resolver}.
 */
record Template(
    String description,
    Map<String, Parameter> parameters,
    Map<String, Object> mappings,
    Map<String, Object> conditions,
    Map<String, Resource> resources,
    Map<String, Object> outputs) {

  /** CloudFormation's quotas per template. */
  static final int MAX_RESOURCES = 500;

  static final int MAX_PARAMETERS = 200;
  static final int MAX_OUTPUTS = 200;

  private static final Set<String> SECTIONS =
      Set.of(
          "AWSTemplateFormatVersion",
          "Description",
          "Metadata",
          "Parameters",
          "Mappings",
          "Conditions",
          "Transform",
          "Resources",
          "Outputs",
          "Rules");
  private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]{1,255}");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  record Parameter(
      String name,
      String type,
      String defaultValue,
      List<String> allowedValues,
      String description,
      boolean noEcho) {
    boolean isList() {
      return type.startsWith("List<") || type.equals("CommaDelimitedList");
    }
  }

  record Resource(
      String logicalId,
      String type,
      Map<String, Object> properties,
      List<String> dependsOn,
      String condition) {}

  static Template parse(String body) {
    Map<String, Object> doc = TemplateYaml.parse(body);
    List<String> unknown = doc.keySet().stream().filter(k -> !SECTIONS.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw CfnException.templateFormat("Invalid template property or properties " + unknown);
    }
    if (doc.containsKey("Transform")) {
      throw CfnException.templateFormat("Transforms are not simulated");
    }
    Map<String, Object> rawResources = map(doc.get("Resources"), "Resources");
    if (rawResources.isEmpty()) {
      throw CfnException.templateFormat("At least one Resources member must be defined.");
    }
    if (rawResources.size() > MAX_RESOURCES) {
      throw CfnException.templateFormat(
          "Number of resources, "
              + rawResources.size()
              + ", is greater than maximum allowed, "
              + MAX_RESOURCES);
    }
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    map(doc.get("Parameters"), "Parameters")
        .forEach((name, raw) -> parameters.put(name, parameter(name, raw)));
    if (parameters.size() > MAX_PARAMETERS) {
      throw CfnException.templateFormat(
          "Parameter count "
              + parameters.size()
              + " is greater than max allowed "
              + MAX_PARAMETERS);
    }
    Map<String, Object> outputs = map(doc.get("Outputs"), "Outputs");
    if (outputs.size() > MAX_OUTPUTS) {
      throw CfnException.templateFormat(
          "Output count " + outputs.size() + " is greater than max allowed " + MAX_OUTPUTS);
    }
    Map<String, Object> conditions = map(doc.get("Conditions"), "Conditions");
    Map<String, Resource> resources = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : rawResources.entrySet()) {
      String id = e.getKey();
      if (!LOGICAL_ID.matcher(id).matches()) {
        throw CfnException.templateFormat("Resource name " + id + " is non alphanumeric.");
      }
      Map<String, Object> r = map(e.getValue(), "Resources/" + id);
      if (!(r.get("Type") instanceof String type)) {
        throw CfnException.templateFormat(
            "[/Resources/" + id + "] Every Resources object must contain a Type member.");
      }
      Object dependsOn = r.get("DependsOn");
      List<String> deps =
          dependsOn == null
              ? List.of()
              : dependsOn instanceof String s ? List.of(s) : strings(dependsOn, "DependsOn");
      String condition = r.get("Condition") instanceof String c ? c : null;
      if (condition != null && !conditions.containsKey(condition)) {
        throw CfnException.templateFormat(
            "Unresolved condition dependency " + condition + " in resource " + id);
      }
      resources.put(
          id,
          new Resource(id, type, map(r.get("Properties"), id + "/Properties"), deps, condition));
    }
    List<String> unsupported =
        resources.values().stream()
            .map(Resource::type)
            .filter(t -> !ResourceTypes.supports(t))
            .distinct()
            .toList();
    if (!unsupported.isEmpty()) {
      throw CfnException.templateFormat("Unrecognized resource types: " + unsupported);
    }
    Object description = doc.get("Description");
    Template t =
        new Template(
            description == null ? null : description.toString(),
            parameters,
            map(doc.get("Mappings"), "Mappings"),
            conditions,
            resources,
            outputs);
    t.checkReferences();
    t.order();
    return t;
  }

  private static Parameter parameter(String name, Object raw) {
    Map<String, Object> p = map(raw, "Parameters/" + name);
    if (!(p.get("Type") instanceof String type)) {
      throw CfnException.templateFormat(
          "[/Parameters/" + name + "] Every Parameters object must contain a Type member.");
    }
    Object allowed = p.get("AllowedValues");
    return new Parameter(
        name,
        type,
        p.get("Default") == null ? null : p.get("Default").toString(),
        allowed == null ? List.of() : strings(allowed, "AllowedValues"),
        p.get("Description") == null ? null : p.get("Description").toString(),
        "true".equalsIgnoreCase(String.valueOf(p.get("NoEcho"))));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String where) {
    if (o == null) {
      return new LinkedHashMap<>();
    }
    if (!(o instanceof Map<?, ?>)) {
      throw CfnException.templateFormat(where + " must be an object");
    }
    return (Map<String, Object>) o;
  }

  static List<String> strings(Object o, String where) {
    if (!(o instanceof List<?> list)) {
      throw CfnException.templateFormat(where + " must be a list");
    }
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  /** Resources this one needs first: DependsOn, Ref, Fn::GetAtt and ${} of Fn::Sub. */
  Set<String> dependencies(String logicalId) {
    Resource r = resources.get(logicalId);
    Set<String> deps = new LinkedHashSet<>(r.dependsOn());
    Set<String> names = new LinkedHashSet<>();
    references(r.properties(), names);
    names.stream().filter(resources::containsKey).forEach(deps::add);
    return deps;
  }

  /** Every name a value refers to (resources, parameters, pseudo parameters). */
  static void references(Object value, Set<String> out) {
    if (value instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.get("Ref") instanceof String ref) {
        out.add(ref);
        return;
      }
      if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
        Object a = m.get("Fn::GetAtt");
        if (a instanceof List<?> l && !l.isEmpty()) {
          out.add(String.valueOf(l.get(0)));
        } else if (a instanceof String s) {
          out.add(s.contains(".") ? s.substring(0, s.indexOf('.')) : s);
        }
        return;
      }
      if (m.size() == 1 && m.containsKey("Fn::Sub")) {
        Object sub = m.get("Fn::Sub");
        String text =
            sub instanceof List<?> l && !l.isEmpty()
                ? String.valueOf(l.get(0))
                : String.valueOf(sub);
        Set<String> local = new LinkedHashSet<>();
        if (sub instanceof List<?> l && l.size() > 1 && l.get(1) instanceof Map<?, ?> vars) {
          vars.keySet().forEach(k -> local.add(String.valueOf(k)));
          references(vars, out);
        }
        Matcher v = SUB_VARIABLE.matcher(text);
        while (v.find()) {
          String name = v.group(1).trim();
          String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
          if (!local.contains(name)) {
            out.add(base);
          }
        }
        return;
      }
      m.values().forEach(v -> references(v, out));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> references(v, out));
    }
  }

  private void checkReferences() {
    Set<String> known = new LinkedHashSet<>(resources.keySet());
    known.addAll(parameters.keySet());
    Set<String> unresolved = new LinkedHashSet<>();
    for (Resource r : resources.values()) {
      Set<String> names = new LinkedHashSet<>();
      references(r.properties(), names);
      names.stream()
          .filter(n -> !known.contains(n) && !n.startsWith("AWS::"))
          .forEach(unresolved::add);
      r.dependsOn().stream().filter(d -> !resources.containsKey(d)).forEach(unresolved::add);
    }
    Set<String> outputNames = new LinkedHashSet<>();
    references(outputs, outputNames);
    outputNames.stream()
        .filter(n -> !known.contains(n) && !n.startsWith("AWS::"))
        .forEach(unresolved::add);
    if (!unresolved.isEmpty()) {
      throw CfnException.templateFormat(
          "Unresolved resource dependencies "
              + unresolved
              + " in the Resources block of the template");
    }
  }

  /** Resources in creation order: dependencies first, else template order. */
  List<String> order() {
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    resources.keySet().forEach(id -> deps.put(id, dependencies(id)));
    List<String> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(resources.keySet());
    while (!pending.isEmpty()) {
      boolean progressed = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        String id = it.next();
        if (done.containsAll(deps.get(id))) {
          ordered.add(id);
          done.add(id);
          it.remove();
          progressed = true;
        }
      }
      if (!progressed) {
        throw CfnException.validation("Circular dependency between resources: " + pending);
      }
    }
    return ordered;
  }
}
