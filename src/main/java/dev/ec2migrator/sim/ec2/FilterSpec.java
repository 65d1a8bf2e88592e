package dev.ec2migrator.sim.ec2;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One EC2 filter: the resource matches when the named attribute matches any of the values. */
record FilterSpec(String name, List<String> values) {

  /** EC2 filter values may use * and ? wildcards. */
  boolean matches(String actual) {
    if (actual == null) {
      return false;
    }
    for (String v : values) {
      if (globToRegex(v).matcher(actual).matches()) {
        return true;
      }
    }
    return false;
  }

  boolean matchesAny(List<String> actuals) {
    return actuals.stream().anyMatch(this::matches);
  }

  /** For {@code tag:<key>} and {@code tag-key}; returns false for other filter names. */
  boolean matchesTags(Map<String, String> tags) {
    if (name.startsWith("tag:")) {
      String key = name.substring(4);
      return tags.containsKey(key) && matches(tags.get(key));
    }
    return tags.keySet().stream().anyMatch(this::matches);
  }

  boolean isTagFilter() {
    return name.startsWith("tag:") || name.equals("tag-key");
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  static Ec2Exception unknown(String name) {
    return Ec2Exception.invalidParameterValue("The filter '" + name + "' is invalid");
  }
}
