package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The requests Hawtio's JMX and Camel plugins send to /observe/jolokia (the MBean tree, reads, the
 * route and statistics dumps) are answered, and everything that would change the service is
 * refused: writes, route and context operations, JVM operations.
 */
class HawtioJolokiaPolicyTest extends PipelineTestSupport {
  private static final int PORT = MonitoringTest.freeLoopbackPort();
  private final JolokiaClient jolokia = new JolokiaClient(PORT);

  {
    testConfiguration().withJMX(true); // Camel's own route MBeans, as in production
  }

  @Override
  protected Map<String, String> overrides() {
    return Map.of("camel.management.port", String.valueOf(PORT));
  }

  @Test
  void whatHawtioReadsIsAnsweredAndNothingThatChangesTheServiceIs() throws Exception {
    migrate("sample.csv", Files.readString(Path.of("config/sample-instances.csv")));

    // the tree: list and search
    JsonObject list = jolokia.post(Map.of("type", "list", "config", Map.of("maxDepth", 2)));
    assertThat(list.getInteger("status")).isEqualTo(200);
    assertThat(((JsonObject) list.get("value")).keySet())
        .contains("dev.ec2migrator", "org.apache.camel");
    String context = only(search("org.apache.camel:type=context,*"));
    List<String> routes = search("org.apache.camel:type=routes,*");
    assertThat(routes).hasSizeGreaterThan(5);
    String route =
        routes.stream().filter(r -> r.contains("name=\"write-report\"")).findFirst().orElseThrow();

    // reads: our MBean, the context and a route's statistics
    assertThat(ok(jolokia.read("dev.ec2migrator:type=MigrationProgress,run=all")))
        .containsEntry("Done", java.math.BigDecimal.valueOf(13));
    assertThat(ok(jolokia.read(context))).containsKey("Uptime");
    assertThat(ok(jolokia.read(route))).containsKeys("ExchangesCompleted", "ExchangesFailed");

    // the Camel plugin's dumps: the routes to draw, their statistics
    assertThat(okText(exec(context, "dumpRoutesAsXml()"))).contains("id=\"write-report\"");
    assertThat(okText(exec(context, "dumpRoutesStatsAsXml(boolean,boolean)", true, true)))
        .contains("routeStat")
        .contains("write-report");
    assertThat(okText(exec(route, "dumpRouteStatsAsXml(boolean,boolean)", true, true)))
        .contains("exchangesCompleted=\"1\"");
    assertThat(okText(exec("dev.ec2migrator:type=MigrationProgress,run=all", "instanceTable()")))
        .contains("i-d1789ea98a553ee88");

    // refused: anything that changes routes, the context or the JVM, and any write
    for (JsonObject refused :
        List.of(
            exec(route, "stop()"),
            exec(route, "start()"),
            exec(context, "suspend()"),
            exec(context, "stop()"),
            exec(context, "startAllRoutes()"),
            exec("java.lang:type=Memory", "gc()"),
            exec("java.lang:type=Threading", "dumpAllThreads(boolean,boolean)", false, false),
            exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties()"),
            jolokia.post(
                Map.of("type", "write", "mbean", route, "attribute", "Tracing", "value", true)),
            jolokia.post(
                Map.of(
                    "type", "write",
                    "mbean", "java.lang:type=Memory",
                    "attribute", "Verbose",
                    "value", true)),
            jolokia.read("java.lang:type=Runtime"))) {
      assertThat(refused.getInteger("status")).as(refused.toJson()).isEqualTo(403);
    }
    assertThat(ok(jolokia.read(route)).get("State")).isEqualTo("Started");
  }

  private List<String> search(String pattern) {
    JsonObject found = jolokia.post(Map.of("type", "search", "mbean", pattern));
    assertThat(found.getInteger("status")).as(found.toJson()).isEqualTo(200);
    return ((List<?>) found.get("value")).stream().map(Object::toString).toList();
  }

  private JsonObject exec(String mbean, String operation, Object... arguments) {
    return jolokia.post(
        Map.of(
            "type",
            "exec",
            "mbean",
            mbean,
            "operation",
            operation,
            "arguments",
            List.of(arguments)));
  }

  private static JsonObject ok(JsonObject answer) {
    assertThat(answer.getInteger("status")).as(answer.toJson()).isEqualTo(200);
    return (JsonObject) answer.get("value");
  }

  private static String okText(JsonObject answer) {
    assertThat(answer.getInteger("status")).as(answer.toJson()).isEqualTo(200);
    return answer.get("value").toString();
  }

  private static String only(List<String> names) {
    assertThat(names).hasSize(1);
    return names.get(0);
  }
}
