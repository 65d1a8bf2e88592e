package dev.ec2migrator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine that cannot loop-mount (a container without CAP_SYS_ADMIN) makes the real-host fixture
 * fail with the reason, never skip: the fixture runs in a JVM whose capability bounding set lacks
 * CAP_SYS_ADMIN ({@code setpriv}, util-linux), so mount(8) is refused as it is there.
 */
class NoMountRightsTest {
  @TempDir Path dir;

  @Test
  void theFixtureFailsNamingTheMissingMountRights() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", "");
    List<String> command =
        List.of(
            "setpriv",
            "--bounding-set",
            "-sys_admin",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-cp",
            classpath.isBlank() ? System.getProperty("java.class.path") : classpath,
            MountInChild.class.getName(),
            dir.toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    child.getOutputStream().close();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();

    assertThat(child.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains("cannot loop-mount an ext4 image on " + dir.resolve("host").resolve("data"))
        .contains("permission denied")
        .contains("no loop devices or no mount rights")
        .contains("the real-host tests cannot run")
        .contains("cleaned up");
  }

  /** Starts the fixture and mounts, printing why it could not; the fixture cleans up after. */
  static final class MountInChild {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0], "host");
      int exit = 0;
      try (RealSshHost host = RealSshHost.start(dir)) {
        host.mountLoopExt4(dir.resolve("data"), false);
        System.out.println("mounted");
      } catch (IllegalStateException e) {
        System.out.println("refused: " + e.getMessage());
        exit = 1;
        for (Throwable cleanup : e.getSuppressed()) {
          System.out.println("not cleaned up: " + cleanup);
          exit = 2;
        }
      }
      if (exit == 1) {
        System.out.println("cleaned up");
      }
      System.exit(exit);
    }
  }
}
