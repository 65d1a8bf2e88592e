package dev.ec2migrator.faults;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.run.MigrationRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers for the fault tests: a small demo fleet, lists built per test, polling. */
abstract class FaultTestSupport extends PipelineTestSupport {
  static final String SOURCE = "us-east-1";
  static final String TARGET = "ap-southeast-2";

  /** Running instances of the demo fleet, in fleet order. */
  /**
   * The running demo instances a run can migrate (the demo's unbootable PV hosts fail preflight).
   */
  List<SimInstance> running() {
    String unbootable =
        context.resolvePropertyPlaceholders("{{migrator.demo.unbootable-pv-hosts}}");
    return world().fleet().stream()
        .filter(SimInstance::running)
        .filter(i -> !unbootable.contains(i.instanceId()))
        .toList();
  }

  /** Runs a CSV list (header + lines) through direct:migrate-list, as the migrate command does. */
  MigrationRun migrateLines(String name, String header, String... lines) {
    return migrate(name, header + "\n" + String.join("\n", lines) + "\n");
  }

  static InstanceMigration migration(MigrationRun run, String instanceId) {
    return run.migrations().stream()
        .filter(m -> m.instanceId().equals(instanceId))
        .findFirst()
        .orElseThrow();
  }

  /** Source snapshots of one instance tagged with the run. */
  List<SimSnapshot> sourceSnapshots(String runId, String instanceId) {
    return world().ec2().snapshots(SOURCE).stream()
        .filter(s -> runId.equals(s.tags().get(MigrationTags.RUN)))
        .filter(s -> instanceId.equals(s.tags().get(MigrationTags.SOURCE_INSTANCE)))
        .toList();
  }

  /** Copies of one instance tagged with the run. */
  List<SimSnapshot> copies(String runId, String instanceId) {
    return world().ec2().snapshots(TARGET).stream()
        .filter(s -> runId.equals(s.tags().get(MigrationTags.RUN)))
        .filter(s -> instanceId.equals(s.tags().get(MigrationTags.SOURCE_INSTANCE)))
        .toList();
  }

  /** A port on 127.0.0.1 that nothing listens on. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
