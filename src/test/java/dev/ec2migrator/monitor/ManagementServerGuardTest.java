package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The management server answers only requests that name it in their Host header and that carry no
 * Origin but its own (DNS rebinding, cross-site requests); Jolokia's own CORS check is strict. The
 * application runs as in production, the requests go over a plain socket to 127.0.0.1.
 */
class ManagementServerGuardTest extends PipelineTestSupport {
  private static final int PORT = MonitoringTest.freeLoopbackPort();
  private static final String ALL = MonitoringTest.ALL;
  private static final String READ_ALL = "/observe/jolokia/read/" + ALL;
  private static final String EXEC_TABLE = "/observe/jolokia/exec/" + ALL + "/instanceTable";
  private static final List<String> PATHS =
      List.of(
          READ_ALL,
          EXEC_TABLE,
          "/observe/jolokia/version",
          "/observe/jolokia",
          "/observe/health",
          "/observe/health/ready",
          "/observe/health/live",
          "/observe/metrics",
          "/no/such/path");

  private final JolokiaClient jolokia = new JolokiaClient(PORT);

  ManagementServerGuardTest() {
    testConfiguration().withJMX(true);
  }

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "camel.management.port",
        String.valueOf(PORT),
        "migrator.demo.instances",
        "4",
        "migrator.management.allowed-hosts",
        " migrator.example.internal ,");
  }

  @Test
  void aForeignHostIsRefusedOnEveryPath() {
    for (String host :
        List.of(
            "rebind.attacker.example:" + PORT,
            "rebind.attacker.example",
            "127.0.0.1.attacker.example:" + PORT,
            "127.0.0.1:" + (PORT + 1),
            "127.0.0.1:" + PORT + ".attacker.example",
            "localhost",
            "")) {
      for (String path : PATHS) {
        RawHttp.Answer answer = get(path, Map.of("Host", host));
        assertThat(answer.status())
            .as("Host %s %s -> %s", host, path, answer.body())
            .isEqualTo(403);
        assertThat(answer.body())
            .as("nothing of the fleet or the JVM")
            .doesNotContain("MigrationProgress")
            .doesNotContain("migrator_")
            .doesNotContain("UP")
            .doesNotContain("jolokia");
      }
    }
    // no Host at all (HTTP/1.0 allows it): refused too
    assertThat(get(READ_ALL, Map.of()).status()).isEqualTo(403);
  }

  @Test
  void theServersOwnNamesAnswerAsBefore() {
    String expected = jolokia.get(READ_ALL + "/InstancesTotal").body();
    assertThat(JolokiaClient.json(expected).get("status")).isEqualTo(BigDecimal.valueOf(200));
    for (String host : List.of("127.0.0.1:" + PORT, "localhost:" + PORT, "LOCALHOST:" + PORT)) {
      RawHttp.Answer read = get(READ_ALL + "/InstancesTotal", Map.of("Host", host));
      assertThat(read.status()).as(host).isEqualTo(200);
      JsonObject json = JolokiaClient.json(read.body());
      assertThat(json.get("status")).isEqualTo(BigDecimal.valueOf(200));
      assertThat(json.get("value")).isEqualTo(JolokiaClient.json(expected).get("value"));

      RawHttp.Answer table = get(EXEC_TABLE, Map.of("Host", host));
      assertThat(JolokiaClient.json(table.body()).get("status"))
          .as(table.body())
          .isEqualTo(BigDecimal.valueOf(200));
      assertThat(get("/observe/health/live", Map.of("Host", host)).status()).isEqualTo(200);
      assertThat(get("/observe/metrics", Map.of("Host", host)).body())
          .contains("migrator_instances_listed");
    }
    // a name the operator allowed, as Host and as the origin of a page the server would serve
    String named = "migrator.example.internal:" + PORT;
    assertThat(get("/observe/health/live", Map.of("Host", named)).status()).isEqualTo(200);
    assertThat(
            get("/observe/health/live", Map.of("Host", named, "Origin", "http://" + named))
                .status())
        .isEqualTo(200);
    assertThat(
            get("/observe/health/live", Map.of("Host", "other.example.internal:" + PORT)).status())
        .isEqualTo(403);
    // an IPv6 client names the server [::1]
    assertThat(get("/observe/health/live", Map.of("Host", "[::1]:" + PORT)).status())
        .isEqualTo(200);
  }

  @Test
  void aForeignOriginIsRefusedEvenForASimpleTextPlainPost() {
    String host = "127.0.0.1:" + PORT;
    for (String origin :
        List.of(
            "http://attacker.example",
            "http://attacker.example:" + PORT,
            "null",
            "https://127.0.0.1:" + PORT,
            "http://127.0.0.1:" + (PORT + 1),
            "http://localhost")) {
      for (String path : PATHS) {
        RawHttp.Answer answer = get(path, Map.of("Host", host, "Origin", origin));
        assertThat(answer.status()).as("Origin %s %s", origin, path).isEqualTo(403);
      }
      // what a form or fetch() of another site can send without a CORS preflight
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Host", host);
      headers.put("Origin", origin);
      headers.put("Content-Type", "text/plain");
      RawHttp.Answer post =
          RawHttp.send(
              PORT,
              "POST",
              "/observe/jolokia",
              headers,
              "{\"type\":\"exec\",\"mbean\":\"" + ALL + "\",\"operation\":\"instanceTable\"}");
      assertThat(post.status()).as("POST from %s", origin).isEqualTo(403);
      assertThat(post.body()).as("refused before Jolokia").doesNotContain("\"status\"");
    }
  }

  @Test
  void jolokiaItselfRefusesEveryRequestMadeByAWebPage() {
    String host = "127.0.0.1:" + PORT;
    // the server's own origin passes the guard (health answers) ...
    Map<String, String> own = Map.of("Host", host, "Origin", "http://" + host);
    assertThat(get("/observe/health/live", own).status()).isEqualTo(200);
    // ... but Jolokia's strict CORS check takes no origin at all: a page is never a client.
    // (Camel 4.17's plugin calls Jolokia's access check by reflection, so its SecurityException
    // comes back wrapped, as status 500 rather than 403: refused all the same, no value.)
    JsonObject refused = JolokiaClient.json(get(READ_ALL, own).body());
    assertRefusedByJolokia(refused);
    // a Referer is an origin too
    assertRefusedByJolokia(
        JolokiaClient.json(
            get(READ_ALL, Map.of("Host", host, "Referer", "http://attacker.example/")).body()));
    // the same request without an Origin is answered
    assertThat(JolokiaClient.json(get(READ_ALL, Map.of("Host", host)).body()).get("status"))
        .isEqualTo(BigDecimal.valueOf(200));
  }

  private static void assertRefusedByJolokia(JsonObject answer) {
    assertThat(answer.get("status")).as("%s", answer).isNotEqualTo(BigDecimal.valueOf(200));
    assertThat(answer).as("%s", answer).doesNotContainKey("value");
    assertThat(answer.toString()).doesNotContain("InstancesTotal");
  }

  private static RawHttp.Answer get(String path, Map<String, String> headers) {
    return RawHttp.send(PORT, "GET", path, headers, null);
  }
}
