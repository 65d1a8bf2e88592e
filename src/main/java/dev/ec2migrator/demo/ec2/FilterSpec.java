package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/** One EC2 filter: the resource matches when the named attribute matches any of the values. */
final class FilterSpec {
  private final String name;
  private final List<Pattern> patterns;

  FilterSpec(String name, List<String> values) {
    this.name = name;
    this.patterns = values.stream().map(FilterSpec::globToRegex).toList();
  }

  String name() {
    return name;
  }

  /** EC2 filter values may use * and ? wildcards (a backslash escapes them). */
  boolean matches(String actual) {
    if (actual == null) {
      return false;
    }
    for (Pattern p : patterns) {
      if (p.matcher(actual).matches()) {
        return true;
      }
    }
    return false;
  }

  boolean matchesAny(List<String> actuals) {
    return actuals.stream().anyMatch(this::matches);
  }

  /** For {@code tag:<key>} and {@code tag-key}. */
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
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        literal.append(glob.charAt(++i));
      } else if (c == '*' || c == '?') {
        // quote whole literal runs: quoting single chars would split surrogate pairs
        re.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    re.append(Pattern.quote(literal.toString()));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /**
   * The items a Describe* call asks for: those named in {@code ids} (all when it is empty) that
   * pass every filter, in their order.
   */
  static <T> List<T> select(
      Collection<T> items,
      List<String> ids,
      Function<T, String> id,
      List<FilterSpec> filters,
      BiPredicate<FilterSpec, T> matches) {
    List<T> selected = new ArrayList<>();
    for (T item : items) {
      if ((ids.isEmpty() || ids.contains(id.apply(item)))
          && filters.stream().allMatch(f -> matches.test(f, item))) {
        selected.add(item);
      }
    }
    return selected;
  }

  static Ec2Exception unknown(String name) {
    return Ec2Exception.invalidParameterValue("The filter '" + name + "' is invalid");
  }
}
