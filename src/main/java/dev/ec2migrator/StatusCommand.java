package dev.ec2migrator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ec2migrator.monitor.JolokiaProgressReader;
import dev.ec2migrator.monitor.JolokiaProgressReader.ProgressUnavailableException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Prints a running service's progress, read over its Jolokia endpoint. Exit codes for scripts: 0
 * finished with no failure, 1 finished with failures, 2 no service answers or no such run, 3 still
 * running (or no run yet).
 */
@Command(
    name = "status",
    description =
        "Show the progress of a running service's run (default: every run), over Jolokia.")
final class StatusCommand implements Callable<Integer> {
  static final int FINISHED = 0;
  static final int FAILURES = 1;
  static final int UNAVAILABLE = 2;
  static final int RUNNING = 3;

  private static final List<String> STAGES =
      List.of(
          "Queued",
          "Describing",
          "Quiescing",
          "Frozen",
          "SnapshotPending",
          "Copying",
          "Registering",
          "Done",
          "Failed");

  @ParentCommand MigratorApp app;

  @Parameters(index = "0", arity = "0..1", description = "run id (default: all runs)")
  String runId;

  @Option(names = "--host", description = "management server host (default: camel.management.host)")
  String host;

  @Option(names = "--port", description = "management server port (default: camel.management.port)")
  Integer port;

  @Option(names = "--instances", description = "also print one line per instance")
  boolean instances;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    String h = host != null ? host : launcher.property("camel.management.host");
    int p = port != null ? port : Integer.parseInt(launcher.property("camel.management.port"));
    JolokiaProgressReader reader = new JolokiaProgressReader(h, p, Duration.ofSeconds(10));
    String run = runId == null ? "all" : runId;
    PrintStream out = System.out;
    try {
      JsonNode v = reader.attributes(run);
      print(out, v);
      if (instances) {
        out.println();
        out.print(reader.instanceTable(run));
      }
      return exitCode(v.path("State").asText(), v.path("Failed").asLong());
    } catch (ProgressUnavailableException e) {
      System.err.println(e.getMessage());
      return UNAVAILABLE;
    }
  }

  static int exitCode(String state, long failed) {
    if (!"finished".equals(state)) {
      return RUNNING;
    }
    return failed == 0 ? FINISHED : FAILURES;
  }

  private static void print(PrintStream out, JsonNode v) {
    row(out, "run", v.path("RunId").asText() + " (" + v.path("State").asText() + ")");
    row(out, "list", v.path("SourceFile").asText());
    row(out, "started", v.path("Started").asText());
    row(out, "finished", v.path("Finished").asText());
    row(out, "elapsed s", v.path("ElapsedSeconds").asText());
    row(out, "ETA", v.path("Eta").asText() + " " + v.path("EstimatedEnd").asText());
    row(out, "instances", v.path("InstancesTotal").asText());
    for (String stage : STAGES) {
      row(out, "  " + stage, v.path(stage).asText());
    }
    row(out, "frozen now", v.path("FrozenNow").asText());
    row(out, "snapshots pending", v.path("SnapshotsPending").asText());
    row(out, "copies in flight", v.path("CopiesInFlight").asText());
    row(
        out,
        "bytes copied",
        v.path("BytesCopied").asText() + " of " + v.path("BytesToCopy").asText());
    row(out, "EC2 calls", v.path("ApiCalls").asText());
    row(out, "EC2 throttled", v.path("ApiThrottled").asText());
    row(out, "EC2 errors", v.path("ApiErrors").asText());
    for (JsonNode host : v.path("FrozenHosts")) {
      row(out, "frozen", host.asText());
    }
    for (JsonNode failure : v.path("Failures")) {
      row(out, "failure", failure.asText().replaceAll("[\\r\\n]+", " "));
    }
  }

  private static void row(PrintStream out, String name, String value) {
    out.printf("%-18s %s%n", name, value);
  }
}
