package dev.ec2migrator;

import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.run.MigrationRun;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole application as it runs: the real routes and config, the configuration classes with the
 * demo world (EC2 and SSH simulators on 127.0.0.1), inbox, outbox and keys in a fresh temp folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PipelineTestSupport extends CamelMainTestSupport {
  // created lazily: the super constructor already asks for the override properties
  private Path work;

  protected Path work() {
    if (work == null) {
      try {
        work = Files.createTempDirectory("migrator-test");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return work;
  }

  @Override
  protected void configure(MainConfigurationProperties configuration) {
    // a test that brings its own simulator (migrator.demo.enabled=false) gets no demo world
    MigratorWiring.addTo(configuration, !"false".equals(overrides().get("migrator.demo.enabled")));
    configuration.setRoutesIncludePattern("file:routes/*.camel.yaml");
  }

  @Override
  protected String getPropertyPlaceholderLocations() {
    return "file:config/application.properties";
  }

  @Override
  protected Properties useOverridePropertiesWithPropertiesComponent() {
    Properties p = new Properties();
    p.put("migrator.inbox", work().resolve("inbox").toString());
    p.put("migrator.outbox", work().resolve("outbox").toString());
    p.put("migrator.demo.dir", work().resolve("demo").toString());
    p.put("migrator.inbox.enabled", "false");
    p.put("camel.management.port", "0"); // any free port: test JVMs may run side by side
    p.putAll(overrides());
    return p;
  }

  /**
   * Stops the application after the class. With the PER_CLASS lifecycle camel-test leaves the
   * context running until the JVM ends: every pipeline test class kept its routes, timers, demo
   * world and MigrationProgress MBeans alive, and a later class (MonitoringTest) found an earlier
   * class's run MBean in the platform MBean server.
   */
  @AfterAll
  void stopTheApplication() {
    if (context != null) {
      context.stop();
    }
  }

  /** Properties a test class changes. */
  protected Map<String, String> overrides() {
    return Map.of();
  }

  protected DemoWorld world() {
    return context.getRegistry().lookupByNameAndType("demoWorld", DemoWorld.class);
  }

  /** Runs a list through direct:migrate-list, as the migrate command does. */
  protected MigrationRun migrate(String name, String content) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("migratorSource", name);
    return template.requestBodyAndHeaders(
        "direct:migrate-list",
        content.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        headers,
        MigrationRun.class);
  }

  protected static List<Map<String, String>> readCsv(Path file) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser =
            CSVParser.parse(
                reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord record : parser) {
        rows.add(record.toMap());
      }
    }
    return rows;
  }
}
