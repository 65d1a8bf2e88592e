package dev.ec2migrator.demo.cfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A resource's resolved properties, read with CloudFormation's property validation messages. */
record Props(String logicalId, Map<String, Object> values) {

  /** Why a resource could not be created or deleted: the ResourceStatusReason. */
  static final class Failure extends RuntimeException {
    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  Failure invalid(String message) {
    return new Failure(
        "Properties validation failed for resource " + logicalId + " with message: " + message);
  }

  String str(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw invalid("#/" + key + ": expected type: String, found: " + kind(v));
    }
    return v.toString();
  }

  String required(String key) {
    String v = str(key);
    if (v == null || v.isEmpty()) {
      throw invalid("#: required key [" + key + "] not found");
    }
    return v;
  }

  Integer integer(String key) {
    String v = str(key);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw invalid("#/" + key + ": expected type: Integer, found: String");
    }
  }

  Boolean bool(String key) {
    String v = str(key);
    if (v == null) {
      return null;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.valueOf(v);
    }
    throw invalid("#/" + key + ": expected type: Boolean, found: String");
  }

  List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw invalid("#/" + key + ": expected type: JSONArray, found: " + kind(v));
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (o instanceof Map<?, ?> || o instanceof List<?>) {
        throw invalid("#/" + key + ": expected type: String, found: " + kind(o));
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** A list of objects, each as Props of the same resource. */
  List<Props> objects(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw invalid("#/" + key + ": expected type: JSONArray, found: " + kind(v));
    }
    List<Props> out = new ArrayList<>();
    for (Object o : l) {
      out.add(object(o, key));
    }
    return out;
  }

  Props object(String key) {
    Object v = values.get(key);
    return v == null ? null : object(v, key);
  }

  @SuppressWarnings("unchecked")
  private Props object(Object o, String key) {
    if (!(o instanceof Map<?, ?> m)) {
      throw invalid("#/" + key + ": expected type: JSONObject, found: " + kind(o));
    }
    return new Props(logicalId, (Map<String, Object>) m);
  }

  /** The Tags property: [{Key, Value}]. */
  Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Props t : objects("Tags")) {
      tags.put(t.required("Key"), t.str("Value") == null ? "" : t.str("Value"));
    }
    return tags;
  }

  private static String kind(Object o) {
    return o instanceof Map<?, ?> ? "JSONObject" : o instanceof List<?> ? "JSONArray" : "String";
  }
}
