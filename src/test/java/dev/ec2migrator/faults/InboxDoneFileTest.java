package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With migrator.inbox.done-file-name set, a list is taken only once its done file is beside it:
 * even a list written by two separate commands 5 s apart (closed in between, so nothing can tell it
 * from a finished one) waits, and is migrated whole once the done file appears.
 */
class InboxDoneFileTest extends FaultTestSupport {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.inbox.enabled", "true",
        "migrator.inbox.read-lock-min-age", "300",
        "migrator.inbox.done-file-name", "${file:name}.done",
        "migrator.demo.instances", "6",
        "migrator.demo.busy-hosts", "",
        "migrator.demo.time-scale", "20000");
  }

  @Test
  void aListWrittenInTwoHalvesWaitsForItsDoneFileAndIsMigratedWhole() throws Exception {
    List<String> ids = running().stream().limit(4).map(i -> i.instanceId()).toList();
    Path inbox = Files.createDirectories(work().resolve("inbox"));
    Path list = inbox.resolve("fleet.csv");
    Files.writeString(list, "instance_id\n" + ids.get(0) + "\n" + ids.get(1) + "\n");
    Thread.sleep(5000); // closed and unchanged 16 times min-age: only the done file holds it

    assertThat(list).exists();
    assertThat(inbox.resolve(".done/fleet.csv")).doesNotExist();
    Files.writeString(list, ids.get(2) + "\n" + ids.get(3) + "\n", StandardOpenOption.APPEND);
    Files.writeString(inbox.resolve("fleet.csv.done"), "");

    assertThat(await(Duration.ofSeconds(90), () -> Files.exists(inbox.resolve(".done/fleet.csv"))))
        .isTrue();
    assertThat(await(Duration.ofSeconds(5), () -> !Files.exists(inbox.resolve("fleet.csv.done"))))
        .as("the done file is removed with the list")
        .isTrue();
    try (Stream<Path> files = Files.list(work().resolve("outbox"))) {
      Path csv =
          files
              .filter(p -> p.getFileName().toString().matches("fleet-[0-9a-f]{8}\\.csv"))
              .findFirst()
              .orElseThrow();
      List<Map<String, String>> rows = readCsv(csv);
      assertThat(rows).allMatch(r -> r.get("status").equals("MIGRATED"));
      assertThat(rows).extracting(r -> r.get("source_instance_id")).containsAll(ids);
    }
  }
}
