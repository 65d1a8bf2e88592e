package dev.ec2migrator.cloudformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the real route file with the real config/application.properties, writing into a fresh
 * temporary outbox per test.
 */
abstract class CloudFormationRouteTestSupport extends CamelMainTestSupport {
  private static final LoadSettings YAML_SETTINGS = YamlStringTest.YAML_SETTINGS;
  static final String ENDPOINT = "direct:render-cloudformation";

  @TempDir static Path temp;

  Path outbox;

  @Override
  protected void configure(MainConfigurationProperties configuration) {
    configuration.addConfiguration(CloudFormationBeans.class);
    configuration.setRoutesIncludePattern("file:routes/cloudformation.camel.yaml");
  }

  @Override
  protected String getPropertyPlaceholderLocations() {
    return "file:config/application.properties";
  }

  /**
   * The network step's bean (the application binds it with the EC2 clients): here it reads the
   * network description a test writes to outbox/&lt;run&gt;.network.json, and never describes.
   */
  @Override
  protected void bindToRegistry(org.apache.camel.spi.Registry registry) throws Exception {
    registry.bind(
        "sourceNetworks",
        new dev.ec2migrator.network.SourceNetworks(
            extraProperties().getOrDefault("migrator.network.mode", "existing"),
            outbox().toString(),
            null,
            ""));
  }

  private Path outbox() {
    if (outbox == null) {
      try {
        outbox = Files.createTempDirectory(temp, "outbox");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return outbox;
  }

  @Override
  protected Properties useOverridePropertiesWithPropertiesComponent() {
    outbox();
    Properties properties = new Properties();
    properties.setProperty("migrator.outbox", outbox.toString());
    properties.setProperty("camel.management.port", "0"); // test JVMs may run side by side
    properties.putAll(extraProperties());
    return properties;
  }

  Map<String, String> extraProperties() {
    return Map.of();
  }

  @SuppressWarnings("unchecked")
  List<Path> render(Object body) {
    Exchange result = template.request(ENDPOINT, e -> e.getIn().setBody(body));
    if (result.getException() != null) {
      throw new AssertionError("rendering failed", result.getException());
    }
    List<String> files = result.getMessage().getBody(List.class);
    org.assertj.core.api.Assertions.assertThat(
            result.getMessage().getHeader("MigratorTemplateFiles", List.class))
        .isEqualTo(files);
    return files.stream().map(Path::of).toList();
  }

  Exception renderFailure(Object body) {
    Exchange result = template.request(ENDPOINT, e -> e.getIn().setBody(body));
    org.assertj.core.api.Assertions.assertThat(result.getException())
        .as("rendering should fail")
        .isNotNull();
    return result.getException();
  }

  static Map<String, Object> parse(Path file) throws IOException {
    return parseYaml(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseYaml(String yaml) {
    List<Object> documents = new java.util.ArrayList<>();
    new Load(YAML_SETTINGS).loadAllFromString(yaml).forEach(documents::add);
    org.assertj.core.api.Assertions.assertThat(documents).as("YAML documents").hasSize(1);
    return (Map<String, Object>) documents.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      current = ((Map<String, Object>) current).get(key);
    }
    return (Map<String, Object>) current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resourcesOfType(Map<String, Object> doc, String type) {
    Map<String, Map<String, Object>> found = new java.util.TreeMap<>();
    ((Map<String, Object>) doc.get("Resources"))
        .forEach(
            (id, resource) -> {
              Map<String, Object> r = (Map<String, Object>) resource;
              if (type.equals(r.get("Type"))) {
                found.put(id, (Map<String, Object>) r.get("Properties"));
              }
            });
    return found;
  }

  @SuppressWarnings("unchecked")
  static String tag(Map<String, Object> properties, String key) {
    return ((List<Map<String, Object>>) properties.get("Tags"))
        .stream()
            .filter(t -> key.equals(t.get("Key")))
            .map(t -> (String) t.get("Value"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no tag " + key));
  }
}
