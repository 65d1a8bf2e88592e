package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ec2.SimInstance;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11's attacks on the watched inbox, in service mode: links (to a credentials file, a folder,
 * a FIFO), a FIFO, a credentials file copied in, {@code .error} replaced by a link, a 1 MB cell, a
 * 6 KB path, a list written in two halves 5 s apart, an inbox held on one file. Each ends with a
 * clear report, the inbox goes on, nothing of the (generated) credentials reaches a written file or
 * the log, and what a run writes is owner-only under umask 022.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxHardeningTest extends FaultTestSupport {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String accessKeyId = "AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
  private final String secretKey =
      random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40);
  private final String sessionToken =
      random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 300);
  private CapturedLog log;
  private int nextInstance;

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
        "migrator.inbox.enabled", "true",
        "migrator.inbox.read-lock-min-age", "300",
        "migrator.inbox.stuck-after", "3s",
        "migrator.demo.instances", "16",
        "migrator.demo.busy-hosts", "",
        "migrator.demo.time-scale", "20000");
  }

  @BeforeAll
  void captureTheLogAndWriteTheCredentials() throws IOException {
    log = new CapturedLog("inbox-hardening-capture");
    Files.createDirectories(secrets());
    Files.writeString(
        secrets().resolve("credentials"),
        "[default]\naws_access_key_id = "
            + accessKeyId
            + "\naws_secret_access_key = "
            + secretKey
            + "\naws_session_token = "
            + sessionToken
            + "\n");
  }

  @AfterAll
  void stopCapturing() {
    log.close();
  }

  private Path inbox() {
    return work().resolve("inbox");
  }

  private Path secrets() {
    return work().resolve("home/.aws");
  }

  @Order(1)
  @Test
  void linksFifosAndACredentialsFileAreRefusedWithoutShowingTheirContent() throws Exception {
    Files.createDirectories(inbox());
    Path fifo = secrets().resolve("pipe");
    mkfifo(fifo);
    Files.createSymbolicLink(inbox().resolve("creds.csv"), secrets().resolve("credentials"));
    Files.createSymbolicLink(inbox().resolve("folder.csv"), secrets());
    Files.createSymbolicLink(inbox().resolve("fifo-link.csv"), fifo);
    mkfifo(inbox().resolve("pipe.csv"));
    Files.copy(secrets().resolve("credentials"), inbox().resolve("credentials.txt"));

    Map<String, String> reasons =
        Map.of(
            "creds.csv", "not a regular file but a symbolic link; refused without opening it",
            "folder.csv", "not a regular file but a symbolic link",
            "fifo-link.csv", "not a regular file but a symbolic link",
            "pipe.csv", "not a regular file but a FIFO, socket or device",
            "credentials.txt",
                "line 1: not an instance id or CSV header; the file does not look like an"
                    + " instance list, so none of its content is shown");
    for (var expected : reasons.entrySet()) {
      String text = report(expected.getKey(), Duration.ofSeconds(20));
      assertThat(text)
          .as(expected.getKey())
          .contains("Nothing was done")
          .contains(expected.getValue());
      Path entry = inbox().resolve(expected.getKey());
      assertThat(
              await(Duration.ofSeconds(5), () -> !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)))
          .as(expected.getKey() + " moved aside")
          .isTrue();
    }
    // the links themselves were moved, not what they point to
    assertThat(Files.isSymbolicLink(inbox().resolve(".error/creds.csv"))).isTrue();
    assertThat(secrets().resolve("credentials")).content().contains(secretKey);
    assertThat(Files.isDirectory(secrets())).isTrue();

    assertAValidListIsStillMigrated("after-links");
  }

  @Order(2)
  @Test
  void aHugeCellAndALongPathGetAPerLineErrorAtOnce() throws Exception {
    String id = running().get(0).instanceId();
    String cell = "/" + "a".repeat(1 << 20);
    String path = "/data" + "/abcdefgh".repeat(680); // 6 KB, valid characters
    long start = System.nanoTime();
    drop("cell.csv", "instance_id,mount_points\n" + id + "," + cell + "\n");
    drop("path.csv", "instance_id,mount_points\n" + id + "," + path + "\n");

    assertThat(report("cell.csv", Duration.ofSeconds(20)))
        .contains(
            "line 2: "
                + (id + "," + cell).length()
                + " characters, over the limit of 8192 per line")
        .doesNotContain("aaaa");
    assertThat(report("path.csv", Duration.ofSeconds(20)))
        .contains("line 2: mount_points is 6125 characters, over the limit of 4096")
        .doesNotContain("abcdefgh");
    Duration both = Duration.ofNanos(System.nanoTime() - start);
    // the two used to hold the inbox for minutes (backtracking) or overflow the stack
    assertThat(both).isLessThan(Duration.ofSeconds(20));
    assertThat(log.text()).doesNotContain("StackOverflowError");
  }

  @Order(3)
  @Test
  void anErrorFolderReplacedByALinkPausesTheInboxUntilItIsAFolderAgain() throws Exception {
    Path elsewhere = Files.createDirectories(work().resolve("elsewhere"));
    Path errorFolder = inbox().resolve(".error");
    Path kept = inbox().resolve(".error-kept");
    Files.move(errorFolder, kept);
    Files.createSymbolicLink(errorFolder, elsewhere);
    String id = nextInstance().instanceId();

    try {
      drop("while-linked.csv", "instance_id\n" + id + "\n");
      drop("bad-while-linked.csv", "instance_id\ni-XYZ\n");
      Thread.sleep(3000);

      assertThat(inbox().resolve("while-linked.csv")).exists();
      assertThat(inbox().resolve("bad-while-linked.csv")).exists();
      try (Stream<Path> files = Files.list(elsewhere)) {
        assertThat(files).as("nothing is written through the link").isEmpty();
      }
      assertThat(log.text()).contains("Inbox paused").contains(".error is a symbolic link");
      var readiness = HealthCheckHelper.invokeReadiness(context);
      assertThat(readiness)
          .filteredOn(r -> r.getCheck().getId().equals("local-files"))
          .singleElement()
          .satisfies(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN))
          .satisfies(r -> assertThat(r.getMessage()).get().asString().contains("symbolic link"));
    } finally {
      Files.delete(errorFolder);
      Files.move(kept, errorFolder);
    }
    assertThat(report("bad-while-linked.csv", Duration.ofSeconds(20)))
        .contains("line 2: instance_id 'i-XYZ' is not i- and 8 or 17 hex digits");
    assertThat(await(Duration.ofSeconds(90), () -> done("while-linked.csv"))).isTrue();
    assertMigrated("while-linked-", List.of(id));
  }

  @Order(4)
  @Test
  void aListWrittenInTwoHalvesFiveSecondsApartWaitsAndIsMigratedWhole() throws Exception {
    List<String> ids = List.of(nextId(), nextId(), nextId(), nextId());
    Path file = inbox().resolve("halves.csv");
    writeInTwoHalves(
        file,
        ids,
        () -> {
          assertThat(file).as("not taken while its writer pauses").exists();
          assertThat(inbox().resolve(".done/halves.csv")).doesNotExist();
        });

    assertThat(await(Duration.ofSeconds(90), () -> done("halves.csv"))).isTrue();
    assertMigrated("halves-", ids);
  }

  @Order(5)
  @Test
  void aListWrittenInTwoHalvesUnderATmpNameAndRenamedInIsMigratedWhole() throws Exception {
    List<String> ids = List.of(nextId(), nextId(), nextId(), nextId());
    Path temp = inbox().resolve("renamed.csv.tmp");
    writeInTwoHalves(temp, ids, () -> assertThat(inbox().resolve(".error")).isDirectory());
    Files.move(temp, inbox().resolve("renamed.csv"));

    assertThat(await(Duration.ofSeconds(90), () -> done("renamed.csv"))).isTrue();
    assertMigrated("renamed-", ids);
  }

  @Order(6)
  @Test
  void anInboxHeldOnOneFileTurnsLivenessDownAndUpAgain() throws Exception {
    HealthCheck check =
        context.getRegistry().lookupByNameAndType("health-inbox-consumer", HealthCheck.class);
    assertThat(HealthCheckHelper.invokeReadiness(context))
        .as("Camel's own consumer check still sees the inbox's polls succeed")
        .filteredOn(r -> r.getCheck().getId().equals("consumer:intake-inbox"))
        .singleElement()
        .satisfies(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
    assertThat(HealthCheckHelper.invokeLiveness(context))
        .filteredOn(r -> r.getCheck().getId().equals("inbox-consumer"))
        .singleElement()
        .satisfies(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
    String id = nextId();
    Path file = inbox().resolve("ever-changing.csv");
    Files.writeString(file, "instance_id\n" + id + "\n");
    AtomicBoolean writing = new AtomicBoolean(true);
    // appended to and closed again every 100 ms: Camel's changed read lock waits on it (and on
    // the single inbox thread) until it has stayed unchanged for min-age
    Thread writer =
        new Thread(
            () -> {
              while (writing.get()) {
                try {
                  Files.writeString(file, "# still writing\n", StandardOpenOption.APPEND);
                  Thread.sleep(100);
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
            });
    writer.start();
    try {
      assertThat(await(Duration.ofSeconds(15), () -> state(check) == HealthCheck.State.DOWN))
          .as("DOWN while the inbox is held")
          .isTrue();
      assertThat(check.call().getMessage()).get().asString().contains("stuck in intake");
    } finally {
      writing.set(false);
      writer.join();
    }
    assertThat(await(Duration.ofSeconds(90), () -> done("ever-changing.csv"))).isTrue();
    assertThat(await(Duration.ofSeconds(10), () -> state(check) == HealthCheck.State.UP)).isTrue();
    assertMigrated("ever-changing-", List.of(id));
  }

  @Order(7)
  @Test
  void everythingARunWroteIsOwnerOnlyUnderUmask022() throws Exception {
    assertThat(umask()).as("the test runs under umask 022").isEqualTo(0022);
    List<Path> checked = new ArrayList<>();
    for (Path dir :
        List.of(work().resolve("outbox"), inbox().resolve(".done"), inbox().resolve(".error"))) {
      assertThat(permissions(dir)).as(dir.toString()).isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file :
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
          assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
          checked.add(file);
        }
      }
    }
    assertThat(checked)
        .extracting(p -> p.getFileName().toString())
        .anyMatch(n -> n.endsWith(".csv") && n.startsWith("halves-")) // results CSV
        .anyMatch(n -> n.endsWith(".yaml")) // CloudFormation template
        .anyMatch(n -> n.equals("halves.csv")) // a list moved to .done/
        .anyMatch(n -> n.equals("cell.csv.error.txt")) // a report
        .anyMatch(n -> n.equals("bad-while-linked.csv")); // a list moved to .error/
  }

  @Order(8)
  @Test
  void noFileWrittenAndNoLogLineHoldsAnyPartOfTheCredentials() throws Exception {
    List<String> secrets =
        List.of(accessKeyId, secretKey, sessionToken.substring(0, 40), secretKey.substring(0, 16));
    try (Stream<Path> files = Files.walk(work())) {
      for (Path file :
          files
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> !p.startsWith(secrets()))
              // the copy dropped into the inbox, moved aside as it was: not written by the run
              .filter(p -> !p.equals(inbox().resolve(".error/credentials.txt")))
              .toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(text).as(file.toString()).doesNotContain(secret);
        }
      }
    }
    for (String secret : secrets) {
      assertThat(log.text()).doesNotContain(secret);
    }
    assertThat(log.text()).contains("credentials.txt"); // the capture did see the rejection
  }

  private void writeInTwoHalves(Path file, List<String> ids, Runnable duringThePause)
      throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(("instance_id\n" + ids.get(0) + "\n" + ids.get(1) + "\n").getBytes());
      out.flush();
      Thread.sleep(4500); // min-age is 300 ms: the size alone says "complete" long before
      duringThePause.run();
      Thread.sleep(500);
      out.write((ids.get(2) + "\n" + ids.get(3) + "\n").getBytes());
    }
  }

  private void assertAValidListIsStillMigrated(String name) throws Exception {
    String id = nextId();
    drop(name + ".csv", "instance_id\n" + id + "\n");
    assertThat(await(Duration.ofSeconds(90), () -> done(name + ".csv"))).isTrue();
    assertMigrated(name + "-", List.of(id));
  }

  private void assertMigrated(String prefix, List<String> ids) throws IOException {
    try (Stream<Path> files = Files.list(work().resolve("outbox"))) {
      List<Path> csvs =
          files
              .filter(p -> p.getFileName().toString().startsWith(prefix))
              .filter(p -> p.getFileName().toString().endsWith(".csv"))
              .toList();
      assertThat(csvs).hasSize(1);
      List<Map<String, String>> rows = readCsv(csvs.get(0));
      assertThat(rows).allMatch(r -> r.get("status").equals("MIGRATED"));
      assertThat(rows)
          .extracting(r -> r.get("source_instance_id"))
          .containsOnlyElementsOf(ids)
          .containsAll(ids);
    }
  }

  private boolean done(String name) {
    return Files.exists(inbox().resolve(".done").resolve(name));
  }

  /** Written under a dot-name and renamed in, as the README asks. */
  private void drop(String name, String content) throws IOException {
    Path temp = inbox().resolve("." + name + ".part");
    Files.writeString(temp, content);
    Files.move(temp, inbox().resolve(name));
  }

  private String report(String name, Duration limit) throws Exception {
    Path report = inbox().resolve(".error").resolve(name + ".error.txt");
    assertThat(await(limit, () -> Files.exists(report))).as("report of " + name).isTrue();
    return Files.readString(report);
  }

  private SimInstance nextInstance() {
    return running().get(nextInstance++);
  }

  private String nextId() {
    return nextInstance().instanceId();
  }

  private static HealthCheck.State state(HealthCheck check) {
    return check.call().getState();
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static int umask() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Umask:")) {
        return Integer.parseInt(line.substring(6).strip(), 8);
      }
    }
    throw new AssertionError("no Umask in /proc/self/status");
  }

  private static void mkfifo(Path path) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo (coreutils) made " + path).isZero();
  }

  private static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
