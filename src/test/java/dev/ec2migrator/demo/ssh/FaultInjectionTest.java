package dev.ec2migrator.demo.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.demo.ssh.CamelSshClient.ProducerFailed;
import dev.ec2migrator.demo.ssh.HostEvent.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow hosts, dropped connections, authentication and host-key checks. */
class FaultInjectionTest extends SimulatorTestBase {

  SimHost host;

  @BeforeEach
  void addHost() {
    host = simulator.addHost("i-0abc", List.of("/"));
  }

  @Test
  void slowHostAnswersAfterItsLatency() {
    host.commandLatency(Duration.ofMillis(300));

    long started = System.nanoTime();
    SshReply reply = ssh.exec("i-0abc", "echo slow");

    assertThat(reply).isEqualTo(new SshReply("slow\n", "", 0));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void droppedConnectionAfterTheCommandRan() {
    host.dropConnectionAfterNextCommand("remount,ro");

    // the session is closed when the command prints its first line (a quiesce script's FROZEN)
    SshReply reply = ssh.exec("i-0abc", "sudo -n mount -o remount,ro /; echo after");

    // camel-ssh reports a channel closed without exit-status as a reply with no exit value
    assertThat(reply.exitValue()).isNull();
    assertThat(reply.stdout()).isEmpty();
    assertThat(host.isReadOnly("/")).isTrue();
    assertThat(host.events())
        .extracting(HostEvent::kind)
        .containsSubsequence(Kind.COMMAND, Kind.REMOUNT_RO, Kind.CONNECTION_DROPPED);

    assertThat(ssh.exec("i-0abc", "sudo -n mount -o remount,rw /").exitValue()).isZero();
  }

  @Test
  void unknownUserFailsAuthentication() {
    assertThatThrownBy(() -> ssh.exec("i-unknown", "true"))
        .isInstanceOf(ProducerFailed.class)
        .hasStackTraceContaining("Failed to authenticate");
  }

  @Test
  void wrongKeyFailsAuthentication() {
    Path otherKey = dir.resolve("other_ed25519");
    SimKeys.writePrivateKey(SimKeys.newEd25519(), otherKey);
    String uri = ssh.uri("i-0abc").replace(privateKey.toString(), otherKey.toString());

    assertThatThrownBy(() -> ssh.execUri(uri, "true"))
        .isInstanceOf(ProducerFailed.class)
        .hasStackTraceContaining("Failed to authenticate");
    assertThat(host.events()).isEmpty();
  }

  @Test
  void knownHostsCheckPassesUntilTheHostKeyChanges() {
    Path knownHosts = dir.resolve("known_hosts");
    simulator.writeKnownHosts(knownHosts);
    String strict =
        ssh.uri("i-0abc") + "&knownHostsResource=file:" + knownHosts + "&failOnUnknownHost=true";

    assertThat(ssh.execUri(strict, "echo trusted")).isEqualTo(new SshReply("trusted\n", "", 0));

    simulator.rotateHostKey();

    assertThatThrownBy(() -> ssh.execUri(strict, "echo trusted"))
        .isInstanceOf(ProducerFailed.class);
    assertThat(host.events()).hasSize(1);

    simulator.writeKnownHosts(knownHosts);
    assertThat(ssh.execUri(strict, "true").exitValue()).isZero();
  }

  @Test
  void camelMatchesKnownHostsEntriesWithoutLookingAtThePort() throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    simulator.writeKnownHosts(knownHosts);
    String line = java.nio.file.Files.readString(knownHosts);
    java.nio.file.Files.writeString(
        knownHosts, line.replace("]:" + simulator.port() + " ", "]:2222 "));
    String strict =
        ssh.uri("i-0abc") + "&knownHostsResource=file:" + knownHosts + "&failOnUnknownHost=true";

    // ResourceBasedSSHKeyVerifier takes the first line whose host field contains "127.0.0.1"
    assertThat(ssh.execUri(strict, "true").exitValue()).isZero();
  }
}
