package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The application in service mode on the demo world: a list dropped into the inbox is watched
 * through Jolokia over real HTTP while it runs and after, and checked against the simulator's
 * counters and the list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringTest extends PipelineTestSupport {
  static final String BUSY = "i-d1789ea98a553ee88";
  static final String SOURCE = "us-east-1";
  static final String TARGET = "ap-southeast-2";
  static final String ALL = "dev.ec2migrator:type=MigrationProgress,run=all";
  private static final int PORT = freeLoopbackPort();

  private final JolokiaClient jolokia = new JolokiaClient(PORT);

  {
    testConfiguration().withJMX(true); // Camel's own route MBeans, as in production
  }

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "camel.management.port", String.valueOf(PORT),
        "migrator.inbox.enabled", "true",
        "migrator.inbox.read-lock-min-age", "200",
        "migrator.progress.log-interval", "500");
  }

  static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @Order(1)
  void aRunFromTheInboxIsWatchedThroughJolokiaWhileItRunsAndAfter() throws Exception {
    Path inbox = work().resolve("inbox");
    Files.createDirectories(inbox);
    Path part = inbox.resolve(".sample.part");
    Files.copy(Path.of("config/sample-instances.csv"), part);
    Files.move(part, inbox.resolve("sample-instances.csv"), StandardCopyOption.ATOMIC_MOVE);

    String runMBean = awaitRunMBean();
    List<JsonObject> duringRun = new ArrayList<>();
    JsonObject value;
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      value = value(jolokia.read(runMBean));
      long total = num(value, "InstancesTotal");
      assertThat(total).isEqualTo(17);
      JsonObject perStage = (JsonObject) value.get("InstancesPerStage");
      assertThat(perStage.values().stream().mapToLong(v -> ((Number) v).longValue()).sum())
          .as("every instance is in exactly one stage")
          .isEqualTo(17);
      assertThat(num(value, "Done") + num(value, "Failed")).isLessThanOrEqualTo(17);
      assertThat(num(value, "FrozenNow")).isEqualTo(((JsonObject) value.get("FrozenNowMs")).size());
      if ("finished".equals(value.get("State"))) {
        break;
      }
      duringRun.add(value);
      assertThat(System.currentTimeMillis()).as("run finished in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(duringRun).as("reads while the run was in progress").isNotEmpty();
    assertThat(duringRun)
        .anySatisfy(v -> assertThat(num(v, "Done") + num(v, "Failed")).isLessThan(17));

    // after: the figures add up and match the list and the simulator
    assertThat(num(value, "Done")).isEqualTo(13);
    assertThat(num(value, "Failed")).isEqualTo(4);
    assertThat(num(value, "Done") + num(value, "Failed")).isEqualTo(num(value, "InstancesTotal"));
    assertThat(num(value, "FrozenNow")).isZero();
    assertThat((List<?>) value.get("FrozenHosts")).isEmpty();
    assertThat(num(value, "SnapshotsPending")).isZero();
    assertThat(num(value, "CopiesInFlight")).isZero();
    assertThat(num(value, "BytesCopied"))
        .isPositive()
        .isEqualTo(num(value, "BytesToCopy") - busyBytes());
    assertThat(num(value, "EtaSeconds")).isZero();
    assertThat(value.get("Eta")).isEqualTo("done");
    assertThat(value.get("SourceFile").toString()).endsWith("sample-instances.csv");
    // the busy host at its freeze; the Windows, RHEL and Marketplace sources before any cost
    assertThat((List<?>) value.get("Failures"))
        .hasSize(4)
        .anySatisfy(
            f -> assertThat(f.toString()).contains(BUSY).contains("exit 32").contains("busy"))
        .filteredOn(f -> !f.toString().contains(BUSY))
        .allSatisfy(f -> assertThat(f.toString()).contains("preflight image-source"));

    // the results CSV of the run says the same
    String runId = ObjectName.getInstance(runMBean).getKeyProperty("run");
    List<Map<String, String>> rows = readCsv(work().resolve("outbox").resolve(runId + ".csv"));
    assertThat(
            rows.stream()
                .filter(r -> r.get("status").equals("MIGRATED"))
                .map(r -> r.get("source_instance_id"))
                .distinct()
                .count())
        .isEqualTo(num(value, "Done"));
    assertThat(
            rows.stream()
                .filter(r -> r.get("status").equals("FAILED"))
                .map(r -> r.get("source_instance_id"))
                .distinct())
        // the busy host, and the Windows, RHEL and Marketplace sources refused before any cost
        .containsExactlyInAnyOrder(
            BUSY, "i-b523b0f68c1e2bcbe", "i-2cb2b4e32e75276a7", "i-af94deb1e43056e7a");

    var counters = world().ec2().counters();
    JsonObject calls = (JsonObject) value.get("ApiCallsPerAction");
    for (String action :
        List.of(
            SOURCE + "/CreateSnapshots",
            TARGET + "/CopySnapshot",
            TARGET + "/RegisterImage",
            SOURCE + "/DescribeInstances")) {
      String[] ra = action.split("/");
      assertThat(((Number) calls.get(action)).longValue())
          .as(action)
          .isPositive()
          // the migrator counts every call it makes, the preflight's DryRun calls included
          .isEqualTo(counters.calls(ra[0], ra[1]) + counters.dryRuns(ra[0], ra[1]));
    }
    assertThat(num(value, "ApiThrottled"))
        .isEqualTo(
            counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/throttled"))
                .mapToLong(Map.Entry::getValue)
                .sum());
    // the all-runs view: the same run, and the process's calls are every call the simulator saw
    // (the preflight's DryRun calls included)
    JsonObject all = value(jolokia.read(ALL));
    assertThat(num(all, "Done")).isEqualTo(13);
    assertThat(num(all, "ApiCalls"))
        .isEqualTo(
            counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/calls") || e.getKey().endsWith("/dryrun"))
                .mapToLong(Map.Entry::getValue)
                .sum());

    // the safe operation, over GET as in MONITORING.md
    HttpResponse<String> table =
        jolokia.get("/observe/jolokia/exec/" + runMBean + "/instanceTable");
    String text = (String) JolokiaClient.json(table.body()).get("value");
    assertThat(text).contains(BUSY).contains("FAILED").contains("DONE");
    // the header and one line per instance of the sample list
    assertThat(text.lines()).hasSize(1 + 17);

    // Camel's own MBeans are readable too
    JsonObject routes =
        value(
            jolokia.post(
                Map.of(
                    "type", "read",
                    "mbean", "org.apache.camel:type=routes,*",
                    "attribute", "ExchangesCompleted")));
    assertThat(routes.keySet()).anyMatch(name -> name.contains("name=\"migrate-instance\""));

    // Prometheus
    String metrics = jolokia.get("/observe/metrics").body();
    assertThat(metrics)
        .contains("migrator_instances{stage=\"done\"} 13.0")
        .contains("migrator_instances{stage=\"failed\"} 4.0")
        .contains("migrator_frozen_hosts 0.0")
        .contains("migrator_instances_listed 17.0")
        .contains("migrator_ec2_api_total{kind=\"calls\"}");

    // the GET URLs of MONITORING.md
    for (String path :
        List.of(
            "/observe/jolokia/read/dev.ec2migrator:type=MigrationProgress,run=all",
            "/observe/jolokia/read/dev.ec2migrator:type=MigrationProgress,run=all/FrozenNow",
            "/observe/jolokia/search/dev.ec2migrator:type=MigrationProgress,*",
            "/observe/jolokia/read/dev.ec2migrator:type=MigrationProgress,run=" + runId)) {
      HttpResponse<String> answer = jolokia.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(JolokiaClient.json(answer.body()).get("status"))
          .as("%s -> %s", path, answer.body())
          .isEqualTo(BigDecimal.valueOf(200));
    }
    assertThat(
            value(jolokia.read("dev.ec2migrator:type=MigrationProgress,run=" + runId))
                .get("ProgressLine"))
        .isEqualTo(
            "run "
                + runId
                + ": 13/17 done, 0 frozen, 0 snapshots pending, 0 copies in flight, 4 failed, ETA done");

    assertThat(inbox.resolve(".done/sample-instances.csv")).exists();
  }

  @Test
  @Order(2)
  void jolokiaRefusesJvmDiagnosticsAnyWriteAndCamelOperations() throws Exception {
    for (Map<String, Object> request :
        List.<Map<String, Object>>of(
            Map.of(
                "type", "exec",
                "mbean", "com.sun.management:type=DiagnosticCommand",
                "operation", "vmVersion"),
            Map.of(
                "type", "exec",
                "mbean", "com.sun.management:type=HotSpotDiagnostic",
                "operation", "getVMOption",
                "arguments", List.of("MaxHeapSize")),
            Map.of(
                "type", "write",
                "mbean", "java.lang:type=Memory",
                "attribute", "Verbose",
                "value", true),
            Map.of(
                "type", "write",
                "mbean", ALL,
                "attribute", "RunId",
                "value", "x"),
            Map.of(
                "type", "read",
                "mbean", "java.lang:type=Runtime",
                "attribute", "SystemProperties"),
            Map.of(
                "type", "exec",
                "mbean", camelRoute("log-progress"),
                "operation", "stop()"))) {
      JsonObject answer = jolokia.post(request);
      assertThat(answer.get("status"))
          .as("%s -> %s", request, answer)
          .isEqualTo(BigDecimal.valueOf(403));
    }
    // and over GET, as curl would send it
    JsonObject get =
        JolokiaClient.json(
            jolokia
                .get("/observe/jolokia/exec/com.sun.management:type=DiagnosticCommand/vmVersion")
                .body());
    assertThat(get.get("status")).as("%s", get).isEqualTo(BigDecimal.valueOf(403));
    assertThat(ManagementFactory.getMemoryMXBean().isVerbose()).isFalse();
    assertThat(context.getRouteController().getRouteStatus("log-progress").isStarted()).isTrue();
    // what is allowed still works
    assertThat(value(jolokia.read("java.lang:type=Memory"))).containsKey("HeapMemoryUsage");
    assertThat(jolokia.get("/observe/jolokia/version").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void theManagementServerListensOnTheLoopbackAddressOnly() throws Exception {
    ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
    assertThat(server).isNotNull();
    assertThat(server.getHost()).isEqualTo("127.0.0.1");
    // the kernel's own list of listening sockets: every one on our port is a loopback address
    List<String> bound = new ArrayList<>();
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path table = Path.of(file);
      if (Files.isReadable(table)) {
        String port = String.format("%04X", PORT);
        Files.readAllLines(table).stream()
            .skip(1)
            .map(l -> l.strip().split("\\s+"))
            .filter(f -> f[3].equals("0A") && f[1].endsWith(":" + port))
            .forEach(f -> bound.add(f[1].substring(0, f[1].indexOf(':'))));
      }
    }
    if (Files.isReadable(Path.of("/proc/net/tcp"))) {
      assertThat(bound)
          .isNotEmpty()
          .allMatch(
              a ->
                  a.equals("0100007F") // 127.0.0.1
                      || a.equals("0000000000000000FFFF00000100007F") // ::ffff:127.0.0.1
                      || a.equals("00000000000000000000000001000000"), // ::1
              "a loopback address");
    }
  }

  @Test
  @Order(4)
  void readinessFollowsTheEc2EndpointAndLivenessStaysUp() throws Exception {
    // ready once every consumer has polled (the inbox's first poll) and both regions answer
    HttpResponse<String> ready = awaitReady();
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    world().ec2().faults().errorRate("DescribeRegions", 1.0, "Unavailable", 503);
    try {
      HttpResponse<String> down = jolokia.get("/observe/health/ready");
      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      assertThat(down.body()).contains("ec2-endpoints").contains("DOWN");
      assertThat(jolokia.get("/observe/health/live").statusCode()).isEqualTo(200);
    } finally {
      world().ec2().faults().clear();
    }
    HttpResponse<String> up = awaitReady();
    assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
    assertThat(jolokia.get("/observe/health").body()).contains("ec2-endpoints");
  }

  private HttpResponse<String> awaitReady() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    HttpResponse<String> ready = jolokia.get("/observe/health/ready");
    while (ready.statusCode() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      ready = jolokia.get("/observe/health/ready");
    }
    return ready;
  }

  private String camelRoute(String routeId) {
    JsonObject found =
        jolokia.post(Map.of("type", "search", "mbean", "org.apache.camel:type=routes,*"));
    return ((List<?>) found.get("value"))
        .stream()
            .map(Object::toString)
            .filter(n -> n.contains("name=\"" + routeId + "\""))
            .findFirst()
            .orElseThrow();
  }

  /**
   * Volumes described (to copy) but never copied: the busy host fails at the freeze, the sample's
   * Windows, RHEL and Marketplace sources right after the describe.
   */
  private long busyBytes() {
    Set<String> uncopied =
        Set.of(BUSY, "i-b523b0f68c1e2bcbe", "i-2cb2b4e32e75276a7", "i-af94deb1e43056e7a");
    return Stream.concat(world().fleet().stream(), world().sampleSources().stream())
        .filter(i -> uncopied.contains(i.instanceId()))
        .flatMap(i -> i.volumes().stream())
        .mapToLong(v -> v.sizeGib() * (1L << 30))
        .sum();
  }

  private String awaitRunMBean() throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject found =
          jolokia.post(
              Map.of("type", "search", "mbean", "dev.ec2migrator:type=MigrationProgress,*"));
      for (Object name : (List<?>) found.get("value")) {
        if (!"all".equals(ObjectName.getInstance(name.toString()).getKeyProperty("run"))) {
          return name.toString();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no run MBean appeared");
  }

  static JsonObject value(JsonObject response) {
    assertThat(response.get("status"))
        .as("%s", response)
        .isEqualTo(java.math.BigDecimal.valueOf(200));
    return (JsonObject) response.get("value");
  }

  static long num(JsonObject o, String key) {
    Object v = o.get(key);
    assertThat(v).as(key).isInstanceOf(Number.class);
    return ((Number) v).longValue();
  }
}
