package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.monitor.ProgressMBeans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * {@code status} against a service (inbox on, management server on a free port) running the sample
 * list: the figures it prints are the MBean's, read directly over JMX; exit codes 3 while running,
 * 1 with failures, 0 all migrated, 2 unknown run or nothing listening.
 */
class StatusCommandTest extends PipelineTestSupport {
  private static final int PORT = freeLoopbackPort();
  private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "camel.management.port", String.valueOf(PORT),
        "migrator.inbox.enabled", "true",
        "migrator.inbox.read-lock-min-age", "200");
  }

  private record Printed(int exit, String out, String err) {}

  @Test
  void statusPrintsTheMBeansFiguresWithExitCodesForScripts() throws Exception {
    Files.createDirectories(work().resolve("inbox"));
    drop("sample-instances.csv", Files.readString(Path.of("config/sample-instances.csv")));

    ObjectName runMBean = awaitRunMBean("sample-instances-");
    String runId = runMBean.getKeyProperty("run");
    boolean sawRunning = false;
    long deadline = System.currentTimeMillis() + 120_000;
    while (!"finished".equals(jmx.getAttribute(runMBean, "State"))) {
      Printed p = status(runId);
      if (p.exit() == StatusCommand.RUNNING) {
        sawRunning = true;
        assertThat(p.out()).contains(runId + " (running)");
      }
      assertThat(System.currentTimeMillis()).as("run finished in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    assertThat(sawRunning).as("status said running while the run was in progress").isTrue();

    Printed after = status(runId, "--instances");
    assertThat(after.exit()).as(after.err()).isEqualTo(StatusCommand.FAILURES);
    Map<String, String> rows = rows(after.out());
    assertThat(rows.get("run")).isEqualTo(runId + " (finished)");
    for (String[] row :
        List.of(
            new String[] {"instances", "InstancesTotal"},
            new String[] {"Queued", "Queued"},
            new String[] {"Describing", "Describing"},
            new String[] {"Quiescing", "Quiescing"},
            new String[] {"Frozen", "Frozen"},
            new String[] {"SnapshotPending", "SnapshotPending"},
            new String[] {"Copying", "Copying"},
            new String[] {"Registering", "Registering"},
            new String[] {"Done", "Done"},
            new String[] {"Failed", "Failed"},
            new String[] {"frozen now", "FrozenNow"},
            new String[] {"snapshots pending", "SnapshotsPending"},
            new String[] {"copies in flight", "CopiesInFlight"},
            new String[] {"EC2 calls", "ApiCalls"},
            new String[] {"EC2 throttled", "ApiThrottled"},
            new String[] {"EC2 errors", "ApiErrors"},
            new String[] {"elapsed s", "ElapsedSeconds"},
            new String[] {"started", "Started"},
            new String[] {"finished", "Finished"},
            new String[] {"list", "SourceFile"})) {
      assertThat(rows.get(row[0]))
          .as(row[0])
          .isEqualTo(String.valueOf(jmx.getAttribute(runMBean, row[1])));
    }
    assertThat(rows.get("bytes copied"))
        .isEqualTo(
            jmx.getAttribute(runMBean, "BytesCopied")
                + " of "
                + jmx.getAttribute(runMBean, "BytesToCopy"));
    assertThat(rows.get("failure"))
        .isEqualTo(((String[]) jmx.getAttribute(runMBean, "Failures"))[0]);
    assertThat(rows.get("Done")).isEqualTo("13");
    // --instances: the MBean's instanceTable, one line per instance under its header
    assertThat(after.out())
        .contains(String.valueOf(jmx.invoke(runMBean, "instanceTable", null, null)));

    Printed unknown = status("no-such-run");
    assertThat(unknown.exit()).isEqualTo(StatusCommand.UNAVAILABLE);
    assertThat(unknown.err()).contains("no run no-such-run");

    int nothing = freeLoopbackPort();
    Printed unreachable = status(null, "--port", String.valueOf(nothing));
    assertThat(unreachable.exit()).isEqualTo(StatusCommand.UNAVAILABLE);
    assertThat(unreachable.err()).contains("no migrator answers at http://127.0.0.1:" + nothing);

    // two hosts that are not busy: every instance migrated, exit 0
    drop("two-hosts.csv", "instance_id\ni-b3bade281fd418d98\ni-8d773591702bbdb6f\n");
    ObjectName second = awaitRunMBean("two-hosts-");
    while (!"finished".equals(jmx.getAttribute(second, "State"))) {
      assertThat(System.currentTimeMillis()).as("run finished in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    Printed fine = status(second.getKeyProperty("run"));
    assertThat(fine.exit()).as(fine.out()).isEqualTo(StatusCommand.FINISHED);
    assertThat(rows(fine.out()).get("Done")).isEqualTo("2");
  }

  private Printed status(String runId, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("status"));
    if (runId != null) {
      args.add(runId);
    }
    args.addAll(List.of(options));
    if (!args.contains("--port")) {
      args.addAll(List.of("--port", String.valueOf(PORT)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = MigratorApp.execute(args.toArray(String[]::new));
      return new Printed(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  /** The "name value" rows of status's output (the first of each name). */
  private static Map<String, String> rows(String out) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      if (line.length() > 19 && line.charAt(18) == ' ' && !line.startsWith("run ")
          || line.startsWith("run ")) {
        String name = line.substring(0, Math.min(18, line.length())).strip();
        rows.putIfAbsent(name, line.length() > 19 ? line.substring(19) : "");
      }
    }
    return rows;
  }

  private void drop(String name, String content) throws IOException {
    Path inbox = work().resolve("inbox");
    Path part = inbox.resolve("." + name + ".part");
    Files.writeString(part, content);
    Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private ObjectName awaitRunMBean(String prefix) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (ObjectName name :
          jmx.queryNames(
              new ObjectName(ProgressMBeans.DOMAIN + ":type=MigrationProgress,*"), null)) {
        if (name.getKeyProperty("run").startsWith(prefix)) {
          return name;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no run MBean for " + prefix);
  }

  static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
