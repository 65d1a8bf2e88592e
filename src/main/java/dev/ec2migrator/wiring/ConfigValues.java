package dev.ec2migrator.wiring;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** How the configuration classes read the values the type converters do not: ~/ paths, lists. */
public final class ConfigValues {
  private ConfigValues() {}

  /** A path as configured; a leading {@code ~/} is the user's home folder, as in a shell. */
  public static Path path(String configured) {
    String value = configured.strip();
    return value.startsWith("~/")
        ? Path.of(System.getProperty("user.home"), value.substring(2))
        : Path.of(value);
  }

  /** A list separated by {@code ;} or {@code ,}, blanks dropped. */
  public static List<String> list(String configured) {
    return Arrays.stream(configured.split("[;,]"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
