package dev.ec2migrator.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceListParserTest {
  private final InstanceListParser parser = new InstanceListParser(1 << 20, 1000);

  private InstanceList parse(String text) {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8), "inbox/fleet-a.csv");
  }

  private static List<String> problems(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInstanceListException e) {
      return e.problems();
    }
    throw new AssertionError("the list was accepted");
  }

  @Test
  void readsEveryColumnOfACsvWithCommentsBlankLinesBomAndCrlf() {
    InstanceList list =
        parse(
            "\uFEFF# fleet A\r\ninstance_id,source_region,target_region,target_subnet_id,ssh_host,ssh_user,mount_points\r\n"
                + "\r\n"
                + "i-0123456789abcdef0,eu-west-1,eu-central-1,subnet-0123456789abcdef0,db1.internal:2222,admin,/;/var/lib/db\r\n"
                + "i-89abcdef,,,,,,\r\n");
    assertThat(list.entries()).hasSize(2);
    InstanceEntry first = list.entries().get(0);
    assertThat(first.line()).isEqualTo(4);
    assertThat(first.sourceRegion()).isEqualTo("eu-west-1");
    assertThat(first.targetRegion()).isEqualTo("eu-central-1");
    assertThat(first.targetSubnetId()).isEqualTo("subnet-0123456789abcdef0");
    assertThat(first.sshHost()).isEqualTo("db1.internal");
    assertThat(first.sshPort()).isEqualTo(2222);
    assertThat(first.sshUser()).isEqualTo("admin");
    assertThat(first.mountPoints()).containsExactly("/", "/var/lib/db");
    InstanceEntry second = list.entries().get(1);
    assertThat(second.sourceRegion()).isNull();
    assertThat(second.mountPoints()).isNull();
  }

  @Test
  void readsTheQuiesceModeAndRefusesModesAndMountPointsThatCannotBe() {
    InstanceList list =
        parse("instance_id,quiesce_mode\ni-0123456789abcdef0,fsfreeze\ni-89abcdef,\n");
    assertThat(list.entries())
        .extracting(InstanceEntry::quiesceMode)
        .containsExactly("fsfreeze", null);

    assertThat(
            problems(
                () ->
                    parse(
                        "instance_id,quiesce_mode,mount_points\n"
                            + "i-0123456789abcdef0,freeze-it,/\n"
                            + "i-89abcdef,auto,/;/dev/shm\n"
                            + "i-89abcdee,none,/run/lock\n")))
        .containsExactly(
            "line 2: quiesce_mode 'freeze-it' is not auto, fsfreeze, remount, none or stop",
            "line 3: mount point '/dev/shm' cannot be quiesced (/dev and everything under it is a"
                + " kernel or memory file system)",
            "line 4: mount point '/run/lock' cannot be quiesced (/run and everything under it is a"
                + " kernel or memory file system)");
  }

  @Test
  void acceptsBareIdsOneALine() {
    InstanceList list = parse("i-0123456789abcdef0\n# a comment\n\ni-89abcdef\n");
    assertThat(list.entries())
        .extracting(InstanceEntry::instanceId)
        .containsExactly("i-0123456789abcdef0", "i-89abcdef");
    assertThat(list.entries()).extracting(InstanceEntry::line).containsExactly(1, 4);
  }

  @Test
  void theRunIdIsTheStemAndAContentHashSoTheSameFileResumes() {
    String text = "i-89abcdef\n";
    String id = parse(text).runId();
    assertThat(id).matches("fleet-a-[0-9a-f]{8}");
    assertThat(parse(text).runId()).isEqualTo(id);
    assertThat(parse(text + "i-89abcdee\n").runId()).isNotEqualTo(id);
  }

  @Test
  void namesTheLineOfEveryProblem() {
    assertThat(
            problems(
                () ->
                    parse(
                        "instance_id,mount_points\n"
                            + "i-0123456789abcdef0,/\n"
                            + "i-XYZ,/\n"
                            + "i-0123456789abcdef0,/data\n"
                            + "i-89abcdef,/data; rm -rf /\n")))
        .containsExactly(
            "line 3: instance_id 'i-XYZ' is not i- and 8 or 17 hex digits",
            "line 5: mount point '/data rm -rf /' is not an absolute path of letters, digits, '.', '_', '-' and '/'"
                .replace("/data rm -rf /", "rm -rf /"),
            "line 4: duplicate instance id i-0123456789abcdef0 (first on line 2)");
  }

  @Test
  void rejectsUnknownColumnsEmptyAndBinaryFiles() {
    assertThat(problems(() -> parse("instance_id,colour\ni-89abcdef,red\n")))
        .singleElement()
        .asString()
        .startsWith("line 1: unknown column 'colour'");
    assertThat(problems(() -> parse("# only a comment\n\n")))
        .containsExactly("line 1: the file lists no instance");
    assertThat(
            problems(
                () -> parser.parse(new byte[] {'i', '-', '1', '\n', 0, 1, 2}, "inbox/blob.bin")))
        .containsExactly("line 2: binary content (NUL byte)");
  }

  @Test
  void hostileValuesNeverPassValidation() {
    List<String> found =
        problems(
            () ->
                parse(
                    "instance_id,ssh_user,ssh_host,mount_points\n"
                        + "i-89abcdef,$(id),host,/\n"
                        + "i-89abcdee,ec2-user,`reboot`,/\n"
                        + "i-89abcded,ec2-user,host,\"/a\nb\"\n"));
    assertThat(found).hasSize(4);
    assertThat(found.get(0)).startsWith("line 2: ssh_user '$(id)'");
    assertThat(found.get(1)).startsWith("line 3: ssh_host '`reboot`'");
    assertThat(found.get(2)).isEqualTo("line 4: malformed CSV (unterminated or stray quote)");
    assertThat(found.get(3)).startsWith("line 5: instance_id 'b\"'");
  }

  @Test
  void rejectsAFileOverTheLimits() {
    InstanceListParser small = new InstanceListParser(64, 2);
    assertThat(problems(() -> small.parse(new byte[65], "big.csv")))
        .containsExactly("file is 65 bytes, over the limit of 64 bytes");
    assertThat(
            problems(() -> small.parse("i-89abcdef\ni-89abcdee\ni-89abcded\n".getBytes(), "n.txt")))
        .singleElement()
        .asString()
        .contains("3 instances, over the limit of 2");
  }

  @Test
  void lengthsAreCappedBeforeAnyPatternRuns() {
    String id = "i-0123456789abcdef0";
    String hugeCell = "/" + "a".repeat(100_000);
    String longPath = "/data" + "/abcdefgh".repeat(680);
    long start = System.nanoTime();

    List<String> found =
        problems(
            () ->
                parse(
                    "instance_id,mount_points\n"
                        + id
                        + ","
                        + hugeCell
                        + "\n"
                        + "i-89abcdef,"
                        + longPath
                        + "\n"));

    assertThat(found)
        .containsExactly(
            "line 2: "
                + (id.length() + 1 + hugeCell.length())
                + " characters, over the limit of 8192 per line",
            "line 3: mount_points is 6125 characters, over the limit of 4096");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(2));
  }

  @Test
  void theMountPointPatternIsLinearAndStillRefusesWhatItRefusedBefore() {
    // just under the cap: thousands of segments, which overflowed the stack of the old pattern
    String deep = "/" + "a/".repeat(2000) + "b";
    InstanceList list = parse("instance_id,mount_points\ni-89abcdef," + deep + "\n");
    assertThat(list.entries().get(0).mountPoints()).containsExactly(deep);
    for (String bad : List.of("relative", "/a//b", "/a/../b", "/a/..", "/a b", "/$(x)", "/a\\b")) {
      assertThat(problems(() -> parse("instance_id,mount_points\ni-89abcdef," + bad + "\n")))
          .as(bad)
          .singleElement()
          .asString()
          .contains("is not an absolute path");
    }
    // ends with "!": a backtracking pattern tries every split of the run of letters first
    String almost = "/" + "abc/".repeat(1000) + "!";
    long start = System.nanoTime();
    assertThat(problems(() -> parse("instance_id,mount_points\ni-89abcdef," + almost + "\n")))
        .hasSize(1);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(1));
  }

  @Test
  void aFileThatIsNotPlausiblyAListIsDescribedNotQuoted() {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    List<String> found =
        problems(
            () ->
                parse(
                    "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                        + "aws_secret_access_key = "
                        + secret
                        + "\n"));

    assertThat(found)
        .containsExactly(
            "line 1: not an instance id or CSV header; the file does not look like an instance"
                + " list, so none of its content is shown");
  }

  @Test
  void aValueLongerThanAnyValidOneIsNotQuoted() {
    String token = "FwoGZXIvYXdzEBYaD" + "x".repeat(40);
    List<String> found = problems(() -> parse("instance_id,ssh_user\ni-89abcdef," + token + "\n"));

    assertThat(found)
        .containsExactly(
            "line 2: ssh_user ("
                + token.length()
                + " characters, not shown) is not a Linux user name");
  }
}
