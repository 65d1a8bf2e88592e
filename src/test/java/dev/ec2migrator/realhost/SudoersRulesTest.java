package dev.ec2migrator.realhost;

import static dev.ec2migrator.quiesce.ShellQuote.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.MigratorApp;
import dev.ec2migrator.quiesce.SudoersRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules the sudoers command prints, installed for a real user with real sudo: exactly the
 * quiesce commands on the listed mount points run, and every variant that a wildcard rule would let
 * through (more options after the mount point, -T, -N, another mount point, fsfreeze of another
 * file system) is refused.
 */
class SudoersRulesTest {
  @TempDir static Path dir;
  private static RealSshHost host;
  private static Path data;
  private static Path logs;
  private static Path odd;

  @BeforeAll
  static void start() throws Exception {
    host = RealSshHost.start(dir);
    data = dir.resolve("data");
    logs = dir.resolve("logs");
    odd = dir.resolve("odd, x:y=z#1 w\\v");
    host.mountLoopExt4(data, false);
    host.mountLoopExt4(logs, false);
    host.mountLoopExt4(odd, false);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  private static String printedRules(String list) throws Exception {
    Path file = dir.resolve("instances.csv");
    Files.writeString(file, list);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setProperty("migrator.quiesce.mode", "remount");
    try {
      assertThat(MigratorApp.execute("sudoers", file.toString(), "--user", host.user())).isZero();
    } finally {
      System.setOut(stdout);
      System.clearProperty("migrator.quiesce.mode");
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Properties config() throws Exception {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
      properties.load(in);
    }
    return properties;
  }

  private static List<String> templates(String mode) throws Exception {
    Properties config = config();
    return List.of(
        config.getProperty("migrator.quiesce." + mode + ".freeze-command").strip(),
        config.getProperty("migrator.quiesce." + mode + ".thaw-command").strip());
  }

  private static void allowed(String command) throws Exception {
    RealSshHost.Result result = host.execResult(command);
    assertThat(result.exit()).as(command + ": " + result.stderr()).isZero();
  }

  private static void refused(String command) throws Exception {
    RealSshHost.Result result = host.execResult(command);
    assertThat(result.exit()).as(command).isNotZero();
    assertThat(result.stderr()).as(command).contains("is not allowed to execute");
  }

  private static String options(Path mountPoint) throws Exception {
    return host.exec("findmnt -n -o OPTIONS " + quote(mountPoint.toString())).strip();
  }

  @Test
  void theSudoersCommandAllowsExactlyTheRemountOfTheListedMountPoints() throws Exception {
    String printed =
        printedRules("instance_id,mount_points\ni-0123456789abcdef0," + data + ";" + logs + "\n");
    assertThat(printed).doesNotContain("*").contains("# i-0123456789abcdef0 (line 2)");
    String rules =
        printed
            .lines()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .collect(Collectors.joining("\n"));
    host.installSudoers(rules); // visudo -cf accepts them first

    String d = quote(data.toString());
    allowed("sudo -n mount -o remount,ro " + d);
    assertThat(options(data)).startsWith("ro,");
    allowed("sudo -n mount -o remount,rw " + d);
    assertThat(options(data)).startsWith("rw,");
    allowed("sudo -n /bin/mount -o remount,ro " + quote(logs.toString()));
    allowed("sudo -n /usr/bin/mount -o remount,rw " + quote(logs.toString()));

    refused("sudo -n mount -o remount,ro " + d + " -o remount,rw,exec,suid,dev /tmp");
    refused("sudo -n mount -o remount,ro -T /tmp/evil-fstab " + d);
    refused("sudo -n mount -o remount,ro " + d + " -T /tmp/evil-fstab");
    refused("sudo -n mount -o remount,ro -N /proc/1/ns/mnt " + d);
    refused("sudo -n mount -o remount,ro " + d + " -N /proc/1/ns/mnt");
    refused("sudo -n mount -o remount,ro /");
    refused("sudo -n mount -o remount,rw,exec " + d);
    refused("sudo -n fsfreeze -f " + d);
    refused("sudo -n fsfreeze -f /");
    assertThat(Files.readString(host.sudoLog())).contains("command not allowed");

    String listed = RealSshHost.run(List.of("sudo", "-l", "-U", host.user())).stdout();
    assertThat(listed).doesNotContain("*").contains("remount\\,ro " + data);
  }

  @Test
  void fsfreezeRulesAllowFreezeAndThawOfTheMountPointOnly() throws Exception {
    SudoersRules rules = new SudoersRules(templates("fsfreeze"));
    host.installSudoers(String.join("\n", rules.lines(host.user(), List.of(logs.toString()))));
    String l = quote(logs.toString());
    try {
      allowed("sudo -n fsfreeze -f " + l);
    } finally {
      allowed("sudo -n fsfreeze -u " + l);
    }
    refused("sudo -n fsfreeze -f /");
    refused("sudo -n fsfreeze -f " + quote(data.toString()));
    refused("sudo -n fsfreeze -f " + l + " /");
  }

  @Test
  void commasColonsEqualsHashesSpacesAndBackslashesInAPathAreMatchedLiterally() throws Exception {
    SudoersRules rules = new SudoersRules(templates("remount"));
    host.installSudoers(String.join("\n", rules.lines(host.user(), List.of(odd.toString()))));
    allowed("sudo -n mount -o remount,ro " + quote(odd.toString()));
    assertThat(options(odd)).startsWith("ro,");
    allowed("sudo -n mount -o remount,rw " + quote(odd.toString()));
    refused("sudo -n mount -o remount,ro " + quote(dir.resolve("odd").toString()));
    refused("sudo -n mount -o remount,ro " + quote(odd.toString().replace("\\", "")));
  }
}
