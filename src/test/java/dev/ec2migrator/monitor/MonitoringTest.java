package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      assertThat(total).isEqualTo(12);
      JsonObject perStage = (JsonObject) value.get("InstancesPerStage");
      assertThat(perStage.values().stream().mapToLong(v -> ((Number) v).longValue()).sum())
          .as("every instance is in exactly one stage")
          .isEqualTo(12);
      assertThat(num(value, "Done") + num(value, "Failed")).isLessThanOrEqualTo(12);
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
        .anySatisfy(v -> assertThat(num(v, "Done") + num(v, "Failed")).isLessThan(12));

    // after: the figures add up and match the list and the simulator
    assertThat(num(value, "Done")).isEqualTo(11);
    assertThat(num(value, "Failed")).isEqualTo(1);
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
    assertThat((List<?>) value.get("Failures"))
        .singleElement()
        .asString()
        .contains(BUSY)
        .contains("exit 32")
        .contains("busy");

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
          .isEqualTo(counters.calls(ra[0], ra[1]));
    }
    assertThat(num(value, "ApiThrottled"))
        .isEqualTo(
            counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/throttled"))
                .mapToLong(Map.Entry::getValue)
                .sum());
    // the all-runs view: the same run, and the process's calls are every call the simulator saw
    JsonObject all = value(jolokia.read(ALL));
    assertThat(num(all, "Done")).isEqualTo(11);
    assertThat(num(all, "ApiCalls"))
        .isEqualTo(
            counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/calls"))
                .mapToLong(Map.Entry::getValue)
                .sum());

    // the safe operation, over GET as in MONITORING.md
    HttpResponse<String> table =
        jolokia.get("/observe/jolokia/exec/" + runMBean + "/instanceTable");
    String text = (String) JolokiaClient.json(table.body()).get("value");
    assertThat(text).contains(BUSY).contains("FAILED").contains("DONE");
    assertThat(text.lines()).hasSize(13);

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
        .contains("migrator_instances{stage=\"done\"} 11.0")
        .contains("migrator_instances{stage=\"failed\"} 1.0")
        .contains("migrator_frozen_hosts 0.0");

    assertThat(inbox.resolve(".done/sample-instances.csv")).exists();
  }

  /** The busy host's volumes are described (to copy) but never copied: it fails at the freeze. */
  private long busyBytes() {
    return world().fleet().stream()
        .filter(i -> i.instanceId().equals(BUSY))
        .flatMap(i -> i.volumes().stream())
        .mapToLong(v -> v.sizeGib() * (1L << 30))
        .sum();
  }

  private String awaitRunMBean() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject found =
          jolokia.post(
              Map.of("type", "search", "mbean", "dev.ec2migrator:type=MigrationProgress,*"));
      for (Object name : (List<?>) found.get("value")) {
        if (!name.toString().endsWith("run=all")) {
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
