package dev.ec2migrator.sim.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test's command builder produces the migrator's exact lines (from the design brief). */
class QuiesceCommandsTest {

  @Test
  void buildsTheMigratorsFreezeAndThawLines() {
    assertThat(QuiesceCommands.freeze("r1-i-0abc-7f3a", 300, List.of("/", "/data"), false))
        .isEqualTo(
            "touch /dev/shm/ec2-migrator.r1-i-0abc-7f3a && (setsid sh -c 'sleep 300; rm"
                + " /dev/shm/ec2-migrator.r1-i-0abc-7f3a 2>/dev/null || exit 0; sudo -n mount -o"
                + " remount,rw '\\''/data'\\''; sudo -n mount -o remount,rw '\\''/'\\''' </dev/null"
                + " >/dev/null 2>&1 &) && sudo -n mount -o remount,ro '/' && sudo -n mount -o"
                + " remount,ro '/data'");
    assertThat(QuiesceCommands.thaw("r1-i-0abc-7f3a", List.of("/", "/data"), false))
        .isEqualTo(
            "rm -f /dev/shm/ec2-migrator.r1-i-0abc-7f3a; sudo -n mount -o remount,rw '/data'; sudo"
                + " -n mount -o remount,rw '/'");
  }
}
