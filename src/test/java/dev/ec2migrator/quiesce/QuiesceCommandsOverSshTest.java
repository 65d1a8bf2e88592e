package dev.ec2migrator.quiesce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.sim.ssh.HostEvent;
import dev.ec2migrator.sim.ssh.SimHost;
import dev.ec2migrator.sim.ssh.SshHostSimulator;
import dev.ec2migrator.sim.ssh.SshSimulatorSettings;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.ssh.SshConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The freeze and thaw lines QuiesceCommands builds, run by the real camel-ssh client on a host. */
class QuiesceCommandsOverSshTest {
  private static final List<String> MOUNTS = List.of("/", "/data");
  @TempDir Path dir;
  private SshHostSimulator ssh;
  private CamelContext camel;
  private ProducerTemplate producer;
  private String uri;
  private final QuiesceCommands remount =
      new QuiesceCommands(
          "sudo -n mount -o remount,ro {mp}", "sudo -n mount -o remount,rw {mp}", 300);

  @BeforeEach
  void start() {
    ssh = SshHostSimulator.start(SshSimulatorSettings.defaults().withSleepScale(0.001));
    Path key = dir.resolve("id_ed25519");
    Path knownHosts = dir.resolve("known_hosts");
    ssh.writeClientPrivateKey(key);
    ssh.writeKnownHosts(knownHosts);
    camel = new DefaultCamelContext();
    camel.start();
    producer = camel.createProducerTemplate();
    uri =
        "ssh:127.0.0.1:"
            + ssh.port()
            + "?certResource=file:"
            + key
            + "&knownHostsResource=file:"
            + knownHosts
            + "&failOnUnknownHost=true&timeout=10000";
  }

  @AfterEach
  void stop() {
    camel.stop();
    ssh.close();
  }

  private Exchange run(String host, String command) {
    return producer.request(
        uri,
        e -> {
          e.getMessage().setHeader(SshConstants.USERNAME_HEADER, host);
          e.getMessage().setBody(command);
        });
  }

  private static int exit(Exchange e) {
    return e.getMessage().getHeader(SshConstants.EXIT_VALUE, Integer.class);
  }

  @Test
  void freezeMakesEveryMountReadOnlyAndThawReleasesThem() {
    SimHost host = ssh.addHost("i-0abc", MOUNTS);
    assertThat(exit(run("i-0abc", remount.freeze(MOUNTS, "r1-i-0abc-1")))).isZero();
    assertThat(host.isReadOnly("/")).isTrue();
    assertThat(host.isReadOnly("/data")).isTrue();
    assertThat(host.filePresent(QuiesceCommands.marker("r1-i-0abc-1"))).isTrue();

    assertThat(exit(run("i-0abc", remount.thaw(MOUNTS, "r1-i-0abc-1")))).isZero();
    assertThat(host.isQuiesced()).isFalse();
    assertThat(host.filePresent(QuiesceCommands.marker("r1-i-0abc-1"))).isFalse();
    // released in reverse order: /data before /
    List<String> releases =
        host.events().stream()
            .filter(e -> e.kind() == HostEvent.Kind.REMOUNT_RW)
            .map(HostEvent::detail)
            .toList();
    assertThat(releases).containsExactly("/data", "/");
  }

  @Test
  void busyMountFailsWithExit32AndItsReason() {
    SimHost host = ssh.addHost("i-0busy", MOUNTS);
    host.failRemountBusy("/data", true);
    Exchange reply = run("i-0busy", remount.freeze(MOUNTS, "r1-i-0busy-1"));
    assertThat(exit(reply)).isEqualTo(32);
    assertThat(reply.getMessage().getHeader(SshConstants.STDERR, String.class)).contains("busy");
    assertThat(host.isReadOnly("/")).isTrue(); // the first mount froze before /data refused

    assertThat(exit(run("i-0busy", remount.thaw(MOUNTS, "r1-i-0busy-1")))).isZero();
    assertThat(host.isQuiesced()).isFalse();
  }

  @Test
  void deadManReleasesAHostNobodyThawed() throws Exception {
    SimHost host = ssh.addHost("i-0dead", MOUNTS);
    assertThat(exit(run("i-0dead", remount.freeze(MOUNTS, "r1-i-0dead-1")))).isZero();
    assertThat(host.isQuiesced()).isTrue();
    for (int i = 0; i < 100 && host.isQuiesced(); i++) {
      Thread.sleep(50);
    }
    assertThat(host.isQuiesced()).isFalse();
    assertThat(host.events()).anyMatch(e -> e.kind() == HostEvent.Kind.DEADMAN_FIRED);
  }

  @Test
  void fsfreezeModeFreezesAndThaws() {
    QuiesceCommands fsfreeze =
        new QuiesceCommands("sudo -n fsfreeze -f {mp}", "sudo -n fsfreeze -u {mp}", 300);
    SimHost host = ssh.addHost("i-0fs", MOUNTS);
    assertThat(exit(run("i-0fs", fsfreeze.freeze(MOUNTS, "t1")))).isZero();
    assertThat(host.isFrozen("/data")).isTrue();
    assertThat(exit(run("i-0fs", fsfreeze.thaw(MOUNTS, "t1")))).isZero();
    assertThat(host.isQuiesced()).isFalse();
  }

  @Test
  void aHostileMountPointStaysOneInertWord() {
    String hostile = "/data'; touch /dev/shm/pwned; '";
    SimHost host = ssh.addHost("i-0evil", List.of("/"));
    Exchange reply = run("i-0evil", remount.freeze(List.of("/", hostile), "t2"));
    assertThat(exit(reply)).isEqualTo(32); // unknown mount point, as one word
    assertThat(reply.getMessage().getHeader(SshConstants.STDERR, String.class))
        .contains("not mounted");
    assertThat(host.filePresent("/dev/shm/pwned")).isFalse();
    run("i-0evil", remount.thaw(List.of("/", hostile), "t2"));
    assertThat(host.isQuiesced()).isFalse();
  }
}
