package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ec2.SimInstance;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lists dropped into the watched inbox. A bad one goes to inbox/.error/ with a .error.txt naming
 * the line and the reason, and not a single mutating EC2 call is made; a good one is picked up only
 * once it is completely written, once per drop, and two at once both complete.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxBadInputTest extends FaultTestSupport {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.inbox.enabled", "true",
        "migrator.inbox.read-lock-min-age", "300",
        "migrator.input.max-instances", "1000",
        "migrator.input.max-bytes", "4194304",
        "migrator.demo.instances", "8",
        "migrator.demo.busy-hosts", "",
        "migrator.demo.time-scale", "20000");
  }

  private Path inbox() {
    return work().resolve("inbox");
  }

  /** name, content, what the .error.txt must say */
  static List<Object[]> badLists() {
    String id = "i-0123456789abcdef0";
    String id2 = "i-0123456789abcdef1";
    StringBuilder huge = new StringBuilder("instance_id\n");
    for (int i = 0; i < 100_000; i++) {
      huge.append("i-").append(String.format("%017x", i)).append('\n');
    }
    return List.of(
        new Object[] {"empty.csv", new byte[0], "line 1: the file lists no instance"},
        new Object[] {
          "comments-only.csv", bytes("# nothing here\n\n"), "line 1: the file lists no instance"
        },
        new Object[] {
          "binary.csv", HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452"), "binary"
        },
        new Object[] {
          "not-utf8.csv", HexFormat.of().parseHex("696e7374616e63655f69640ae9e0ff0a"), "not UTF-8"
        },
        new Object[] {
          "bom-crlf.csv",
          bytes("\uFEFFinstance_id,ssh_user\r\n" + id + ",ec2-user\r\ni-12345,ec2-user\r\n"),
          "line 3: instance_id 'i-12345' is not i- and 8 or 17 hex digits"
        },
        new Object[] {
          "duplicates.csv",
          bytes("instance_id\n" + id + "\n" + id2 + "\n" + id + "\n"),
          "line 4: duplicate instance id " + id + " (first on line 2)"
        },
        new Object[] {
          "malformed.txt", bytes(id + "\ni-XYZ\n"), "line 2: 'i-XYZ' is not an instance id"
        },
        new Object[] {
          "unknown-column.csv",
          bytes("instance_id,colour\n" + id + ",blue\n"),
          "line 1: unknown column 'colour'"
        },
        new Object[] {
          "too-many-values.csv",
          bytes("instance_id\n" + id + ",extra\n"),
          "line 2: 2 values but the header names 1 columns"
        },
        new Object[] {
          "hundred-thousand.csv",
          bytes(huge.toString()),
          "the file lists 100000 instances, over the limit of 1000"
        },
        new Object[] {
          "oversized.txt", new byte[5 * 1024 * 1024], "over the limit of 4194304 bytes"
        },
        // values that try to reach a shell, a template or the CSV
        new Object[] {
          "shell-mount.csv",
          bytes("instance_id,mount_points\n" + id + ",/; rm -rf /\n"),
          "line 2: mount point 'rm -rf /' is not an absolute path"
        },
        new Object[] {
          "subshell-user.csv",
          bytes("instance_id,ssh_user\n" + id + ",$(reboot)\n"),
          "line 2: ssh_user '$(reboot)' is not a Linux user name"
        },
        new Object[] {
          "backtick-user.csv",
          bytes("instance_id,ssh_user\n" + id + ",`id`\n"),
          "line 2: ssh_user '`id`' is not a Linux user name"
        },
        new Object[] {
          "quote-host.csv",
          bytes("instance_id,ssh_host\n" + id + ",\"127.0.0.1' -oProxyCommand=x\"\n"),
          "line 2: ssh_host '127.0.0.1' -oProxyCommand=x' is not host or host:port"
        },
        new Object[] {
          "newline-mount.csv",
          bytes("instance_id,mount_points\n" + id + ",\"/data\nsudo reboot\"\n"),
          "line 2: malformed CSV"
        },
        new Object[] {
          "template-mount.csv",
          bytes("instance_id,mount_points\n" + id + ",/${x}/data\n"),
          "line 2: mount point '/${x}/data' is not an absolute path"
        });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("badLists")
  void aBadListGoesToErrorWithLineAndReasonAndNothingIsTouched(
      String name, byte[] content, String reason) throws Exception {
    long mutating = world().ec2().counters().mutatingCalls();
    long sshEvents = sshCommands();
    Files.createDirectories(inbox());
    Path temp = inbox().resolve(name + ".tmp"); // not matched by the inbox's include pattern
    Files.write(temp, content);
    Files.move(temp, inbox().resolve(name));

    Path report = inbox().resolve(".error").resolve(name + ".error.txt");
    assertThat(await(Duration.ofSeconds(20), () -> Files.exists(report))).isTrue();
    assertThat(await(Duration.ofSeconds(5), () -> Files.exists(inbox().resolve(".error/" + name))))
        .as("the list itself is moved beside its report")
        .isTrue();
    String text = Files.readString(report);
    assertThat(text).contains("Nothing was done").contains(reason);
    assertThat(inbox().resolve(name)).doesNotExist();
    assertThat(world().ec2().counters().mutatingCalls()).isEqualTo(mutating);
    assertThat(sshCommands()).isEqualTo(sshEvents);
  }

  private long sshCommands() {
    return world().ssh().hosts().stream().mapToLong(h -> h.events().size()).sum();
  }

  @Order(2)
  @Test
  void aListStillBeingWrittenIsReadOnlyOnceComplete() throws Exception {
    SimInstance instance = running().get(0);
    String content = "instance_id\n" + instance.instanceId() + "\n";
    Path file = inbox().resolve("slow-writer.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      // a byte at a time for ~2 s: read early, the list would be "i-b3ba" (malformed)
      byte[] bytes = bytes(content);
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        Thread.sleep(2000 / bytes.length);
      }
    }

    Path done = inbox().resolve(".done").resolve("slow-writer.csv");
    assertThat(await(Duration.ofSeconds(30), () -> Files.exists(done))).isTrue();
    assertThat(inbox().resolve(".error").resolve("slow-writer.csv.error.txt")).doesNotExist();
    List<Path> csvs = outboxCsvs("slow-writer-");
    assertThat(csvs).hasSize(1);
    assertThat(readCsv(csvs.get(0))).isNotEmpty().allMatch(r -> r.get("status").equals("MIGRATED"));
  }

  @Order(3)
  @Test
  void theSameListDroppedAgainResumesWithoutNewSnapshotsOrCopies() throws Exception {
    var counters = world().ec2().counters();
    long snapshots = counters.calls(SOURCE, "CreateSnapshots");
    long copies = counters.calls(TARGET, "CopySnapshot");
    SimInstance instance = running().get(0);
    Path file = inbox().resolve("slow-writer.csv");
    Path done = inbox().resolve(".done").resolve("slow-writer.csv");
    Files.writeString(file, "instance_id\n" + instance.instanceId() + "\n");

    assertThat(await(Duration.ofSeconds(30), () -> !Files.exists(file))).isTrue();
    assertThat(await(Duration.ofSeconds(5), () -> Files.exists(done))).isTrue();
    assertThat(inbox().resolve(".error").resolve("slow-writer.csv.error.txt")).doesNotExist();
    assertThat(counters.calls(SOURCE, "CreateSnapshots")).isEqualTo(snapshots);
    assertThat(counters.calls(TARGET, "CopySnapshot")).isEqualTo(copies);
  }

  @Order(4)
  @Test
  void twoListsAtOnceBothComplete() throws Exception {
    List<SimInstance> running = running();
    Path a = inbox().resolve("first.tmp");
    Path b = inbox().resolve("second.tmp");
    Files.writeString(a, "instance_id\n" + running.get(1).instanceId() + "\n");
    Files.writeString(b, "instance_id\n" + running.get(2).instanceId() + "\n");
    Files.move(a, inbox().resolve("first.csv"));
    Files.move(b, inbox().resolve("second.csv"));

    for (String name : List.of("first", "second")) {
      assertThat(
              await(
                  Duration.ofSeconds(30),
                  () -> Files.exists(inbox().resolve(".done").resolve(name + ".csv"))))
          .as(name)
          .isTrue();
      List<Path> csvs = outboxCsvs(name + "-");
      assertThat(csvs).hasSize(1);
      assertThat(readCsv(csvs.get(0))).allMatch(r -> r.get("status").equals("MIGRATED"));
    }
    assertThat(world().ssh().quiescedHosts()).isEmpty();
  }

  private List<Path> outboxCsvs(String prefix) throws IOException {
    try (var files = Files.list(work().resolve("outbox"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".csv"))
          .toList();
    }
  }
}
