package dev.ec2migrator.demo.cfn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates intrinsic functions: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split,
 * Fn::GetAZs, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::FindInMap, Fn::Base64, and the
 * pseudo parameters. {@code AWS::NoValue} removes the property or list item it stands for.
 */
final class Resolver {
  /** Where resources' physical ids and attributes come from. */
  interface Resources {
    String physicalId(String logicalId);

    String attribute(String logicalId, String attribute);

    /** The value another stack of the region exports under {@code name}. */
    String importValue(String name);
  }

  static final Object NO_VALUE = new Object();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Template template;
  private final Map<String, Object> values = new HashMap<>();
  private final Resources resources;
  private final String region;
  private final Map<String, Boolean> conditions = new HashMap<>();

  /**
   * @param parameterValues the stack's parameter values (a List for list types)
   */
  Resolver(
      Template template,
      Map<String, Object> parameterValues,
      Map<String, String> pseudo,
      String region,
      Resources resources) {
    this.template = template;
    this.values.putAll(pseudo);
    this.values.putAll(parameterValues);
    this.region = region;
    this.resources = resources;
  }

  boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    Object def = template.conditions().get(name);
    if (def == null) {
      throw CfnException.templateFormat("Unresolved condition dependency " + name);
    }
    conditions.put(name, false); // a condition that refers to itself is false, not a loop
    boolean value = truth(resolve(def));
    conditions.put(name, value);
    return value;
  }

  private static boolean truth(Object o) {
    return "true".equals(o) || Boolean.TRUE.equals(o);
  }

  @SuppressWarnings("unchecked")
  Object resolve(Object value) {
    if (value instanceof Map<?, ?> raw) {
      Map<String, Object> m = (Map<String, Object>) raw;
      if (m.size() == 1) {
        Map.Entry<String, Object> only = m.entrySet().iterator().next();
        String key = only.getKey();
        if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
          return function(key, only.getValue());
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            Object r = resolve(v);
            if (r != NO_VALUE) {
              out.put(k, r);
            }
          });
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object v : l) {
        Object r = resolve(v);
        if (r != NO_VALUE) {
          out.add(r);
        }
      }
      return out;
    }
    return value;
  }

  private Object function(String name, Object arg) {
    return switch (name) {
      case "Ref" -> ref(String.valueOf(arg));
      case "Condition" -> String.valueOf(condition(String.valueOf(arg)));
      case "Fn::GetAtt" -> {
        List<?> a =
            arg instanceof String s
                ? List.of(
                    s.substring(0, Math.max(0, s.indexOf('.'))), s.substring(s.indexOf('.') + 1))
                : args(arg, 2, name);
        yield resources.attribute(String.valueOf(a.get(0)), String.valueOf(resolve(a.get(1))));
      }
      case "Fn::Sub" -> sub(arg);
      case "Fn::ImportValue" -> resources.importValue(text(resolve(arg), name));
      case "Fn::Join" -> {
        List<?> a = args(arg, 2, name);
        Object items = resolve(a.get(1));
        List<String> parts = new ArrayList<>();
        list(items, name).forEach(o -> parts.add(text(o, name)));
        yield String.join(text(resolve(a.get(0)), name), parts);
      }
      case "Fn::Select" -> {
        List<?> a = args(arg, 2, name);
        int index = Integer.parseInt(text(resolve(a.get(0)), name));
        List<?> items = list(resolve(a.get(1)), name);
        if (index < 0 || index >= items.size()) {
          throw CfnException.templateFormat(
              "Fn::Select cannot select nonexistent value at index " + index);
        }
        yield items.get(index);
      }
      case "Fn::Split" -> {
        List<?> a = args(arg, 2, name);
        yield List.of(
            text(resolve(a.get(1)), name).split(Pattern.quote(text(resolve(a.get(0)), name)), -1));
      }
      case "Fn::GetAZs" -> {
        String r = text(resolve(arg == null ? "" : arg), name);
        String zonesOf = r.isEmpty() ? region : r;
        yield List.of(zonesOf + "a", zonesOf + "b", zonesOf + "c");
      }
      case "Fn::If" -> {
        List<?> a = args(arg, 3, name);
        yield resolve(condition(String.valueOf(a.get(0))) ? a.get(1) : a.get(2));
      }
      case "Fn::Equals" -> {
        List<?> a = args(arg, 2, name);
        yield String.valueOf(
            String.valueOf(resolve(a.get(0))).equals(String.valueOf(resolve(a.get(1)))));
      }
      case "Fn::Not" -> String.valueOf(!truth(resolve(args(arg, 1, name).get(0))));
      case "Fn::And" -> String.valueOf(list(arg, name).stream().allMatch(o -> truth(resolve(o))));
      case "Fn::Or" -> String.valueOf(list(arg, name).stream().anyMatch(o -> truth(resolve(o))));
      case "Fn::Base64" ->
          Base64.getEncoder()
              .encodeToString(text(resolve(arg), name).getBytes(StandardCharsets.UTF_8));
      case "Fn::FindInMap" -> {
        List<?> a = args(arg, 3, name);
        Object top = Template.map(template.mappings().get(text(resolve(a.get(0)), name)), name);
        Object second = Template.map(((Map<?, ?>) top).get(text(resolve(a.get(1)), name)), name);
        Object v = ((Map<?, ?>) second).get(text(resolve(a.get(2)), name));
        if (v == null) {
          throw CfnException.templateFormat("Fn::FindInMap found no value for " + a);
        }
        yield v;
      }
      default -> throw CfnException.templateFormat(name + " is not supported by the simulator");
    };
  }

  private Object ref(String name) {
    if (name.equals("AWS::NoValue")) {
      return NO_VALUE;
    }
    if (values.containsKey(name)) {
      return values.get(name);
    }
    if (template.resources().containsKey(name)) {
      return resources.physicalId(name);
    }
    throw CfnException.templateFormat("Unresolved resource dependencies [" + name + "]");
  }

  private String sub(Object arg) {
    String text;
    Map<String, Object> vars = new HashMap<>();
    if (arg instanceof List<?> l) {
      text = String.valueOf(args(arg, 2, "Fn::Sub").get(0));
      Template.map(l.get(1), "Fn::Sub").forEach((k, v) -> vars.put(k, resolve(v)));
    } else {
      text = String.valueOf(arg);
    }
    Matcher m = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      String replacement;
      if (name.startsWith("!")) {
        replacement = "${" + name.substring(1) + "}";
      } else if (vars.containsKey(name)) {
        replacement = text(vars.get(name), "Fn::Sub");
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        int dot = name.indexOf('.');
        replacement = resources.attribute(name.substring(0, dot), name.substring(dot + 1));
      } else {
        replacement = text(ref(name), "Fn::Sub");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<?> args(Object arg, int n, String name) {
    if (!(arg instanceof List<?> l) || l.size() != n) {
      throw CfnException.templateFormat(name + " requires a list of " + n + " arguments");
    }
    return l;
  }

  private static List<?> list(Object o, String name) {
    if (o instanceof List<?> l) {
      return l;
    }
    if (o instanceof String s) {
      return List.of(s.split(",", -1));
    }
    throw CfnException.templateFormat(name + " requires a list");
  }

  private static String text(Object o, String name) {
    if (o instanceof List<?> || o instanceof Map<?, ?> || o == null || o == NO_VALUE) {
      throw CfnException.templateFormat(name + ": a list or object where text is needed");
    }
    return String.valueOf(o);
  }
}
