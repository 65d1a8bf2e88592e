package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.report.Chromium;
import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Hawtio 4 from Maven Central (the hawtio-default war in Jetty 12, in its own JVM) connected to the
 * service's /observe/jolokia through Hawtio's proxy, looked at in headless Chromium.
 */
class HawtioConsoleTest extends PipelineTestSupport {
  private static final int PORT = MonitoringTest.freeLoopbackPort();
  private static final int HAWTIO_PORT = MonitoringTest.freeLoopbackPort();

  {
    testConfiguration().withJMX(true); // Camel's own route MBeans, as in production
  }

  @Override
  protected Map<String, String> overrides() {
    // Hawtio's proxy passes on its page's Origin and Referer: the console's origin is allowed
    return Map.of(
        "camel.management.port",
        String.valueOf(PORT),
        "migrator.management.allowed-origins",
        "http://127.0.0.1:" + HAWTIO_PORT);
  }

  @Test
  void hawtioShowsTheProgressMBeanAndTheRoutesAndChangesNothing() throws Exception {
    Chromium.ensureInstalled();
    String run =
        migrate("sample.csv", Files.readString(Path.of("config/sample-instances.csv"))).runId();
    Path out = Files.createDirectories(Path.of("target", "hawtio"));
    Path log = out.resolve("hawtio.log");
    Process hawtio = startHawtio(log);
    try {
      String hawtioBase = "http://127.0.0.1:" + awaitPort(hawtio, log);

      // Hawtio's JMX tree, connected to the service: our MBean with the run under it
      String jmx = seen(hawtioBase, "jmx", "dev.ec2migrator");
      assertThat(jmx)
          .as("Hawtio's JMX view (full DOM in target/hawtio/jmx.html)")
          .contains("migrator") // the connection's name in Hawtio's header
          .containsSubsequence("dev.ec2migrator", "MigrationProgress", "all", run)
          .containsSubsequence("org.apache.camel", "ec2-region-migrator", "routes");

      // Hawtio's Camel plugin: the routes with their steps (drawn from dumpRoutesAsXml)
      String camel = seen(hawtioBase, "camel/routes", "routes");
      assertThat(camel)
          .as("Hawtio's Camel view (full DOM in target/hawtio/camel-routes.html)")
          .containsSubsequence("ec2-region-migrator", "routes", "migrate-list", "write-report")
          .contains("write-results-csv", "register-bootable-image");

      // what Hawtio's proxy lets through: reads and instanceTable; no write, no other operation
      JolokiaClient proxy =
          JolokiaClient.at(
              hawtioBase + "/hawtio/proxy/http/127.0.0.1/" + PORT + "/observe/jolokia");
      String progress = "dev.ec2migrator:type=MigrationProgress,run=all";
      String route =
          "org.apache.camel:context=ec2-region-migrator,type=routes,name=\"write-report\"";
      JsonObject read = proxy.read(progress);
      assertThat(read.getInteger("status")).as(read.toJson()).isEqualTo(200);
      assertThat(((JsonObject) read.get("value")).get("Done")).isEqualTo(BigDecimal.valueOf(13));
      JsonObject table = exec(proxy, progress, "instanceTable()");
      assertThat(table.getInteger("status")).as(table.toJson()).isEqualTo(200);
      assertThat(table.get("value").toString()).contains("i-d1789ea98a553ee88");
      for (JsonObject refused :
          List.of(
              exec(proxy, route, "stop()"),
              exec(proxy, "java.lang:type=Memory", "gc()"),
              proxy.post(
                  Map.of(
                      "type", "write", "mbean", route, "attribute", "Tracing", "value", true)))) {
        assertThat(refused.getInteger("status")).as(refused.toJson()).isEqualTo(403);
      }
      assertThat(((JsonObject) proxy.read(route).get("value")).get("State")).isEqualTo("Started");
    } finally {
      hawtio.destroy();
      hawtio.waitFor();
    }
  }

  /** The text Hawtio shows in a view once its tree is expanded; the DOM is kept in target. */
  private static String seen(String hawtioBase, String view, String ready) throws Exception {
    String dom =
        Chromium.dumpDom(
            URI.create(hawtioBase + "/connect/migrator?view=" + view + "&ready=" + ready));
    Files.writeString(Path.of("target", "hawtio", view.replace('/', '-') + ".html"), dom);
    Matcher seen = Pattern.compile("<pre id=\"seen\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertThat(seen.find()).as(dom).isTrue();
    return seen.group(1)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  private static JsonObject exec(JolokiaClient jolokia, String mbean, String operation) {
    return jolokia.post(
        Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of()));
  }

  private static Process startHawtio(Path log) throws Exception {
    List<String> command =
        AppProcess.java(
            List.of(
                "-Dhawtio.authenticationEnabled=false",
                "-Dhawtio.proxyAllowlist=127.0.0.1",
                "-Dhawtio.localAddressProbing=false",
                // the check's page shows Hawtio in a frame of the same origin
                "-Dhawtio.http.allowXFrameSameOrigin=true"),
            HawtioServer.class.getName(),
            Objects.requireNonNull(
                System.getProperty("hawtio.war"),
                "system property hawtio.war (the hawtio-default war; Maven's surefire sets it)"),
            String.valueOf(PORT),
            String.valueOf(HAWTIO_PORT));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private static int awaitPort(Process hawtio, Path log) throws Exception {
    Pattern started = Pattern.compile("^hawtio (\\d+)$", Pattern.MULTILINE);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = started.matcher(Files.readString(log));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!hawtio.isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Hawtio did not start:\n" + Files.readString(log));
  }
}
