package dev.ec2migrator;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Builds the camel-main runtime for a profile. Routes and config are read from the project's {@code
 * routes/} and {@code config/} folders (the working directory's, else the ones beside the jar's
 * {@code target/}), so operators edit them without rebuilding; the copies inside the jar are the
 * fallback. Profile files override {@code application.properties}.
 */
final class Launcher {
  private final String profile;
  private final Path home;
  private PropertiesComponent properties;

  private Launcher(String profile, Path home) {
    this.profile = profile;
    this.home = home;
  }

  static Launcher forProfile(String profile) {
    String chosen = profile;
    if (chosen == null) {
      chosen = System.getProperty("camel.main.profile", System.getenv("CAMEL_MAIN_PROFILE"));
    }
    return new Launcher(chosen == null || chosen.isBlank() ? "demo" : chosen, findHome());
  }

  String profile() {
    return profile;
  }

  /** The project folder (config/, routes/), or null when running from the jar alone. */
  Path home() {
    return home;
  }

  Main main(Map<String, String> overrides) {
    Main main = new Main();
    MigratorWiring.addTo(main.configure(), demoEnabled(overrides));
    main.configure().setProfile(profile);
    main.setPropertyPlaceholderLocations(String.join(",", propertyLocations()));
    main.configure().withRoutesIncludePattern(routesPattern());
    main.addOverrideProperty("camel.main.profile", profile);
    main.addOverrideProperty("migrator.home", home == null ? "" : home.toString());
    overrides.forEach(main::addOverrideProperty);
    return main;
  }

  /**
   * The configuration as the application resolves it (profile, project folder, system properties),
   * for a command that only reads it: nothing starts, and nothing logs to the command's output.
   */
  PropertiesComponent properties() {
    if (properties == null) {
      properties = new DefaultCamelContext().getPropertiesComponent();
      properties.setLocation(String.join(",", propertyLocations()));
      properties.addOverrideProperty("camel.main.profile", profile);
    }
    return properties;
  }

  /** One property of {@link #properties()}; unset is an error (config/ sets them all). */
  String property(String key) {
    return properties()
        .resolveProperty(key)
        .map(String::strip)
        .orElseThrow(() -> new IllegalStateException(key + " is not set in config/"));
  }

  /** The demo world starts when the command or the configuration says so. */
  private boolean demoEnabled(Map<String, String> overrides) {
    String key = "migrator.demo.enabled";
    return Boolean.parseBoolean(overrides.containsKey(key) ? overrides.get(key) : property(key));
  }

  void run() throws Exception {
    main(Map.of()).run();
  }

  /** What the configuration says: simulators (demo or simulated profile) or real AWS. */
  boolean simulated() {
    return Boolean.parseBoolean(property("migrator.simulated"));
  }

  /**
   * Earlier locations win: a running {@code simulate}'s world (profile simulated), then the project
   * folder over the jar, the profile over the defaults.
   */
  private List<String> propertyLocations() {
    List<String> locations = new ArrayList<>();
    if (SimulatedWorldFile.PROFILE.equals(profile)) {
      locations.add("file:" + SimulatedWorldFile.required(outbox()));
    }
    locations.addAll(configLocations());
    return locations;
  }

  /** The outbox the configuration names, read without the simulated world's file. */
  private Path outbox() {
    PropertiesComponent base = new DefaultCamelContext().getPropertiesComponent();
    base.setLocation(String.join(",", configLocations()));
    base.addOverrideProperty("camel.main.profile", profile);
    return Path.of(base.resolveProperty("migrator.outbox").orElseThrow().strip());
  }

  private List<String> configLocations() {
    List<String> locations = new ArrayList<>();
    if (home != null) {
      locations.add(
          "file:"
              + home.resolve("config/application-" + profile + ".properties")
              + ";optional=true");
    }
    locations.add("classpath:config/application-" + profile + ".properties;optional=true");
    if (home != null) {
      locations.add("file:" + home.resolve("config/application.properties") + ";optional=true");
    }
    locations.add("classpath:config/application.properties");
    return locations;
  }

  private String routesPattern() {
    return home != null
        ? "file:" + home.resolve("routes") + "/*.camel.yaml"
        : "classpath:routes/*.camel.yaml";
  }

  /** The working directory, or the folder above the jar's target/, whichever has routes/. */
  private static Path findHome() {
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isDirectory(cwd.resolve("routes")) && Files.isDirectory(cwd.resolve("config"))) {
      return cwd;
    }
    try {
      Path jar =
          Path.of(MigratorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir.resolve("routes")) && Files.isDirectory(dir.resolve("config"))) {
          return dir;
        }
        if (dir.equals(jar.getParent().getParent())) {
          break;
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source: fall back to the copies in the jar
    }
    return null;
  }
}
