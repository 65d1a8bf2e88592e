package dev.ec2migrator.demo.ec2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one EC2 Query API request (or a nested part of it). Lists are flattened the EC2
 * way: {@code Name.1}, {@code Name.2}, structures as {@code Name.1.Member}.
 */
public final class QueryRequest {
  private final Map<String, String> params;

  QueryRequest(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static QueryRequest parse(String... encodedForms) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String form : encodedForms) {
      if (form == null || form.isEmpty()) {
        continue;
      }
      for (String pair : form.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(decode(key), decode(value));
      }
    }
    return new QueryRequest(params);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Ec2Exception.invalidParameterValue("Malformed query string");
    }
  }

  public Map<String, String> all() {
    return params;
  }

  public String get(String name) {
    return params.get(name);
  }

  String require(String name) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      throw Ec2Exception.missingParameter(name);
    }
    return v;
  }

  public boolean flag(String name) {
    String v = params.get(name);
    if (v == null) {
      return false;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw Ec2Exception.invalidParameterValue("Invalid value '" + v + "' for " + name);
  }

  public Boolean optionalFlag(String name) {
    return params.containsKey(name) ? flag(name) : null;
  }

  public Integer integer(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw Ec2Exception.invalidParameterValue("Invalid value '" + v + "' for " + name);
    }
  }

  /** Values of {@code prefix.1}, {@code prefix.2}, ... in index order. */
  public List<String> strings(String prefix) {
    Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)");
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      Matcher m = p.matcher(e.getKey());
      if (m.matches()) {
        byIndex.put(Integer.parseInt(m.group(1)), e.getValue());
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** The structures {@code prefix.N.*}, each with its own keys relative to {@code prefix.N.}. */
  public List<QueryRequest> members(String prefix) {
    Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\.(.+)");
    TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      Matcher m = p.matcher(e.getKey());
      if (m.matches()) {
        byIndex
            .computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
            .put(m.group(2), e.getValue());
      }
    }
    List<QueryRequest> result = new ArrayList<>();
    byIndex.values().forEach(m -> result.add(new QueryRequest(m)));
    return result;
  }

  /** The structure {@code prefix.*} with keys relative to {@code prefix.}, or null if absent. */
  public QueryRequest member(String prefix) {
    Map<String, String> sub = new LinkedHashMap<>();
    String start = prefix + ".";
    params.forEach(
        (k, v) -> {
          if (k.startsWith(start)) {
            sub.put(k.substring(start.length()), v);
          }
        });
    return sub.isEmpty() ? null : new QueryRequest(sub);
  }

  /** {@code prefix.N.Key}/{@code prefix.N.Value} pairs; a missing value is the empty string. */
  Map<String, String> tags(String prefix) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (QueryRequest tag : members(prefix)) {
      String key = tag.get("Key");
      if (key == null) {
        throw Ec2Exception.missingParameter(prefix + ".N.Key");
      }
      TagRules.checkKey(key);
      tags.put(key, tag.get("Value") == null ? "" : tag.get("Value"));
    }
    return tags;
  }

  List<FilterSpec> filters() {
    List<FilterSpec> filters = new ArrayList<>();
    for (QueryRequest f : members("Filter")) {
      String name = f.get("Name");
      if (name == null) {
        throw Ec2Exception.missingParameter("Filter.N.Name");
      }
      filters.add(new FilterSpec(name, f.strings("Value")));
    }
    return filters;
  }

  /** Tags of every TagSpecification, which must all name {@code resourceType}. */
  Map<String, String> tagSpecifications(String resourceType) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (QueryRequest spec : members("TagSpecification")) {
      String type = spec.get("ResourceType");
      if (!resourceType.equals(type)) {
        throw Ec2Exception.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      tags.putAll(spec.tags("Tag"));
    }
    return tags;
  }
}
