package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * config/application.properties is the one place a property's default lives and README's
 * configuration table the one place it is described: every key the code or the routes read has
 * both, and every key of the file is read and described.
 */
class PropertiesDocumentedTest {
  /** A whole string literal that is a key (or, ending in '.', a family such as a region's). */
  private static final Pattern JAVA_KEY =
      Pattern.compile("\"((?:migrator|camel)\\.[a-z0-9][a-z0-9.-]*)\"");

  /** {{key}} and {{?key}} in routes, and in Java's placeholder strings. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([a-z][a-z0-9.-]*)}}");

  private static final Pattern FILE_KEY = Pattern.compile("^(###\\s*)?([a-z][a-z0-9.-]*)\\s*=");

  private static final Pattern README_ROW = Pattern.compile("^\\| ([^|]+) \\|");
  private static final Pattern README_KEY = Pattern.compile("`((?:migrator|camel)\\.[^`]+)`");

  /** Chosen by --profile before any file is read, so no file can hold it. */
  private static final Set<String> NOT_IN_FILES = Set.of("camel.main.profile");

  /** Micrometer meter names (migrator.instances, ...) share the prefix but are not properties. */
  private static final Set<String> NOT_PROPERTIES = Set.of("ProgressMetrics.java");

  @Test
  void everyKeyReadHasADefaultAndARowAndEveryDefaultIsReadAndDocumented() throws IOException {
    List<String> problems =
        problems(
            usedKeys(),
            Files.readString(Path.of("config/application.properties")),
            Files.readString(Path.of("README.md")));
    assertThat(problems).isEmpty();
  }

  @Test
  void theAwsProfileOnlyOverridesKeysOfTheDefaults() throws IOException {
    Set<String> defaults = fileKeys(Files.readString(Path.of("config/application.properties")));
    assertThat(fileKeys(Files.readString(Path.of("config/application-aws.properties"))))
        .isSubsetOf(defaults);
  }

  /** The check itself, on small texts: each kind of gap is named with its key. */
  @Test
  void aKeyMissingFromTheFileOrTheTableOrUnreadIsNamed() {
    String file = "migrator.a = 1\nmigrator.unread = 2\n### migrator.opt = x\n";
    String readme = "| `migrator.a` | `1` | a |\n| `migrator.unread` | `2` | b |\n";
    assertThat(
            problems(
                new TreeSet<>(List.of("migrator.a", "migrator.b", "migrator.opt")), file, readme))
        .containsExactlyInAnyOrder(
            "migrator.b is read but has no entry in config/application.properties",
            "migrator.b is read but has no row in README's configuration table",
            "migrator.opt is read but has no row in README's configuration table",
            "migrator.unread is in config/application.properties but nothing reads it");
    assertThat(problems(new TreeSet<>(List.of("migrator.a")), "migrator.a = 1\n", readme))
        .isEmpty();
  }

  static List<String> problems(Set<String> used, String properties, String readme) {
    Set<String> inFile = fileKeys(properties);
    Set<String> documented = readmeKeys(readme);
    List<String> problems = new ArrayList<>();
    for (String key : used) {
      if (NOT_IN_FILES.contains(key)) {
        continue;
      }
      if (key.endsWith(".")) { // a family: migrator.image.pv-grub-kernel.<region>...
        // an override with no default is shown as a commented example (`### key = value`)
        boolean example = properties.lines().anyMatch(l -> l.startsWith("### " + key));
        if (!example && inFile.stream().noneMatch(k -> k.startsWith(key))) {
          problems.add(
              key
                  + "* is read but no key or ### example of it is in config/application.properties");
        }
        if (documented.stream().noneMatch(k -> k.startsWith(key))) {
          problems.add(key + "* is read but has no row in README's configuration table");
        }
        continue;
      }
      if (!inFile.contains(key)) {
        problems.add(key + " is read but has no entry in config/application.properties");
      }
      if (!isDocumented(key, documented)) {
        problems.add(key + " is read but has no row in README's configuration table");
      }
    }
    for (String key : inFile) {
      // camel.* keys are read by camel-main itself
      boolean read =
          key.startsWith("camel.")
              || used.contains(key)
              || used.stream().anyMatch(u -> u.endsWith(".") && key.startsWith(u));
      if (!read) {
        problems.add(key + " is in config/application.properties but nothing reads it");
      }
      if (!used.contains(key) && !isDocumented(key, documented)) {
        problems.add(key + " is in config/application.properties but has no row in README's table");
      }
    }
    return problems;
  }

  /** The key's own row, or its family's (migrator.quiesce.hooks.&lt;group&gt;.pre). */
  private static boolean isDocumented(String key, Set<String> documented) {
    return documented.contains(key)
        || documented.stream()
            .filter(d -> d.contains("<"))
            .anyMatch(d -> key.startsWith(d.substring(0, d.indexOf('<'))));
  }

  /** Active keys and the documented options left off (### key = value). */
  static Set<String> fileKeys(String properties) {
    Set<String> keys = new TreeSet<>();
    for (String line : properties.lines().toList()) {
      Matcher m = FILE_KEY.matcher(line);
      if (m.find()) {
        keys.add(m.group(2));
      }
    }
    return keys;
  }

  static Set<String> readmeKeys(String readme) {
    Set<String> keys = new TreeSet<>();
    for (String line : readme.lines().toList()) {
      Matcher row = README_ROW.matcher(line);
      if (row.find()) {
        Matcher key = README_KEY.matcher(row.group(1));
        while (key.find()) {
          keys.add(key.group(1));
        }
      }
    }
    return keys;
  }

  /** The keys the product's code and routes read or set. */
  private static Set<String> usedKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (NOT_PROPERTIES.contains(file.getFileName().toString())) {
          continue;
        }
        String code = Files.readString(file);
        JAVA_KEY.matcher(code).results().forEach(m -> keys.add(m.group(1)));
        PLACEHOLDER.matcher(code).results().forEach(m -> keys.add(m.group(1)));
      }
    }
    try (Stream<Path> files = Files.list(Path.of("routes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
        PLACEHOLDER.matcher(Files.readString(file)).results().forEach(m -> keys.add(m.group(1)));
      }
    }
    assertThat(keys).as("keys found in src/main/java and routes").hasSizeGreaterThan(50);
    return keys;
  }
}
