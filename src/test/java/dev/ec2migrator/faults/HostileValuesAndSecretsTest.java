package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.demo.ssh.HostEvent;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.run.MigrationRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo fleet's instance 5 carries hostile tag values (quotes, newlines, "; rm -rf /", "$(id)",
 * formulas): they travel as inert data into the copies' tags and the CSV, never into a command
 * line. And no private key or AWS secret appears in the log (captured at DEBUG, with failures), in
 * the outputs, the error texts or any MBean attribute.
 */
class HostileValuesAndSecretsTest extends FaultTestSupport {
  private static final String SECRET = "simulated-secret";
  private CapturedLog log;

  HostileValuesAndSecretsTest() {
    testConfiguration().withJMX(true);
  }

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.demo.instances", "8",
        "migrator.demo.busy-hosts", "",
        "migrator.demo.time-scale", "20000");
  }

  @BeforeAll
  void captureTheLogAtDebug() {
    log = new CapturedLog("secrets-capture");
  }

  @AfterAll
  void restoreTheLog() {
    log.close();
  }

  private SimInstance hostile() {
    SimInstance instance = world().fleet().get(5);
    assertThat(instance.tags()).containsKey("Hostile0");
    return instance;
  }

  @Test
  void hostileTagValuesTravelAsInertDataAndNeverReachACommandLine() throws Exception {
    SimInstance hostile = hostile();
    MigrationRun run = migrateLines("hostile.csv", "instance_id", hostile.instanceId());

    InstanceMigration m = migration(run, hostile.instanceId());
    assertThat(m.error()).isNull();
    // the copies carry each volume's tags exactly, whatever the text
    Map<String, SimVolume> volumes =
        hostile.volumes().stream().collect(Collectors.toMap(SimVolume::volumeId, v -> v));
    Map<String, String> volumeOfSnapshot =
        sourceSnapshots(run.runId(), hostile.instanceId()).stream()
            .collect(Collectors.toMap(SimSnapshot::snapshotId, SimSnapshot::volumeId));
    for (SimSnapshot copy : copies(run.runId(), hostile.instanceId())) {
      SimVolume volume = volumes.get(volumeOfSnapshot.get(copy.sourceSnapshotId()));
      assertThat(copy.tags()).containsAllEntriesOf(volume.tags());
    }
    // no tag value went into the ssh lines
    List<String> commands =
        world().ssh().host(hostile.instanceId()).events().stream()
            .filter(e -> e.kind() == HostEvent.Kind.COMMAND)
            .map(HostEvent::detail)
            .toList();
    assertThat(commands).isNotEmpty();
    for (String value : hostile.tags().values()) {
      if (!value.equals(hostile.tags().get("Name"))) {
        assertThat(commands).noneMatch(c -> c.contains(value));
      }
    }
    // one CSV record per volume: no quote, comma or newline in a value broke a row
    List<Map<String, String>> rows = readCsv(run.csvFile());
    assertThat(rows).hasSize(hostile.volumes().size());
    assertThat(rows).allMatch(r -> r.get("status").equals("MIGRATED"));
    assertThat(rows).allMatch(r -> r.get("source_instance_id").equals(hostile.instanceId()));
  }

  @Test
  void noSecretInLogsOutputsErrorsOrMBeans() throws Exception {
    List<SimInstance> running = running();
    // a successful instance, an auth failure and an EC2 error, so failures are logged too
    world().ec2().faults().errorRate("CopySnapshot", 0.3, "InternalError", 500);
    MigrationRun run;
    try {
      run =
          migrateLines(
              "secrets.csv",
              "instance_id,ssh_user",
              running.get(0).instanceId() + ",",
              running.get(1).instanceId() + ",nobody");
    } finally {
      world().ec2().faults().clear();
    }
    assertThat(migration(run, running.get(1).instanceId()).isFailed()).isTrue();

    List<String> needles = secrets();
    StringBuilder everything = new StringBuilder(log.text());
    assertThat(everything).as("the log was captured").contains("DEBUG");
    for (InstanceMigration m : run.migrations()) {
      everything.append(m.error()).append(m.warning()).append(m);
    }
    try (Stream<Path> outputs = Files.walk(work().resolve("outbox"))) {
      for (Path p : outputs.filter(Files::isRegularFile).toList()) {
        assertThat(p.getFileName().toString()).as("no temp file left").doesNotStartWith(".");
        everything.append(Files.readString(p));
      }
    }
    everything.append(mbeanAttributes());
    for (String needle : needles) {
      assertThat(everything.toString()).doesNotContain(needle);
    }
  }

  /** The private key's body (start and end) and the AWS secret the simulator is reached with. */
  private List<String> secrets() throws Exception {
    String key = Files.readString(work().resolve("demo").resolve("id_ed25519"));
    String body =
        key.lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining()).strip();
    assertThat(body).hasSizeGreaterThan(80);
    return List.of(body.substring(0, 40), body.substring(body.length() - 40), SECRET);
  }

  /** Every readable attribute of every MBean (Camel's and the JVM's), as text. */
  private static String mbeanAttributes() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> names = server.queryNames(null, null);
    assertThat(names).anyMatch(n -> n.getDomain().equals("org.apache.camel"));
    List<String> values = new ArrayList<>();
    for (ObjectName name : names) {
      for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
        if (!attribute.isReadable()) {
          continue;
        }
        try {
          values.add(
              name
                  + " "
                  + attribute.getName()
                  + "="
                  + server.getAttribute(name, attribute.getName()));
        } catch (Exception | LinkageError e) {
          // some attributes are not supported on this JVM or need a running operation
        }
      }
    }
    return String.join("\n", values);
  }
}
