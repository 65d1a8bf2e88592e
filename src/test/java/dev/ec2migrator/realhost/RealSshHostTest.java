package dev.ec2migrator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself: a real sshd that answers, a key login, loop mounts and sudo rules. */
class RealSshHostTest {
  @TempDir static Path dir;
  private static RealSshHost host;

  @BeforeAll
  static void start() throws Exception {
    host = RealSshHost.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  @Test
  void sshdOffersBothGeneratedHostKeysOnItsOwnPort() throws Exception {
    assertThat(host.port()).isPositive().isNotEqualTo(22);
    List<String> lines = Files.readAllLines(host.knownHosts());
    String rsa = publicKey(host.hostKey("rsa"));
    String ed25519 = publicKey(host.hostKey("ed25519"));
    assertThat(lines)
        .contains("[127.0.0.1]:" + host.port() + " " + rsa)
        .contains("[127.0.0.1]:" + host.port() + " " + ed25519);

    List<String> hashed = Files.readAllLines(host.knownHosts("-H", "-t", "ed25519"));
    assertThat(hashed).hasSize(1);
    assertThat(hashed.get(0)).startsWith("|1|").endsWith(ed25519);
  }

  @Test
  void theGeneratedKeyLogsInAsTheTestUser() throws Exception {
    assertThat(host.exec("id -un").strip()).isEqualTo(host.user());
    assertThat(host.execResult("exit 3").exit()).isEqualTo(3);
  }

  @Test
  void loopMountedExt4IsWritableOrReadOnlyAsAsked() throws Exception {
    Path data = dir.resolve("data");
    Path archive = dir.resolve("archive");
    host.mountLoopExt4(data, false);
    host.mountLoopExt4(archive, true);

    assertThat(mountOf(data)).startsWith("ext4 rw,");
    host.exec("touch " + data + "/written");
    assertThat(data.resolve("written")).exists();

    assertThat(mountOf(archive)).startsWith("ext4 ro,");
    RealSshHost.Result refused = host.execResult("touch " + archive + "/written");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.stderr()).contains("Read-only file system");
  }

  @Test
  void sudoRunsExactlyTheInstalledRuleAndLogsEveryCall() throws Exception {
    host.installSudoers(host.user() + " ALL=(root) NOPASSWD: /usr/bin/id -u");

    assertThat(host.exec("sudo -n /usr/bin/id -u").strip()).isEqualTo("0");
    RealSshHost.Result other = host.execResult("sudo -n /usr/bin/id -g");
    assertThat(other.exit()).isNotZero();

    String log = Files.readString(host.sudoLog());
    assertThat(log).contains("COMMAND=/usr/bin/id -u").contains("command not allowed");
    assertThat(log.indexOf("COMMAND=/usr/bin/id -u"))
        .isLessThan(log.indexOf("COMMAND=/usr/bin/id -g"));
  }

  private static String mountOf(Path mountPoint) throws Exception {
    return host.exec("findmnt -n -o FSTYPE,OPTIONS " + mountPoint).strip().replaceAll("\\s+", " ");
  }

  private static String publicKey(Path privateKey) throws Exception {
    String[] parts = Files.readString(Path.of(privateKey + ".pub")).strip().split(" ");
    return parts[0] + " " + parts[1];
  }
}
