package dev.ec2migrator.realhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.ssh.HostKeyRefusal;
import dev.ec2migrator.ssh.HostKeyVerifier;
import dev.ec2migrator.ssh.SshLoginException;
import dev.ec2migrator.ssh.SshLoginException.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.ssh.SshConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host keys against a real OpenSSH server, through the product's own path: the shared client with
 * its known_hosts verifier, a one-shot camel-ssh command on it (as the quiesce route sends) and a
 * session opened on it directly. Known hosts files are written by ssh-keyscan.
 */
class HostKeyCheckingTest {
  @TempDir static Path dir;
  private static RealSshHost host;
  private BoundedSshClientBuilder ssh;
  private CamelContext camel;
  private ProducerTemplate producer;
  private Path marker;

  @BeforeAll
  static void startHost() throws Exception {
    host = RealSshHost.start(dir);
    host.installSudoers(host.user() + " ALL=(root) NOPASSWD: /usr/bin/id -u");
  }

  @AfterAll
  static void stopHost() throws Exception {
    host.close();
  }

  @BeforeEach
  void marker() throws Exception {
    marker = Path.of("/home", host.user(), "ran-" + System.nanoTime());
  }

  @AfterEach
  void stopClient() {
    if (camel != null) {
      camel.stop();
      camel = null;
    }
    if (ssh != null) {
      ssh.close();
      ssh = null;
    }
  }

  /** The command of a check: sudo logs it, and it leaves a marker file. */
  private String command() {
    return "sudo -n /usr/bin/id -u && touch " + marker;
  }

  private void client(Path knownHosts) throws Exception {
    client(knownHosts, host.privateKey());
  }

  private void client(Path knownHosts, Path key) throws Exception {
    ssh =
        new BoundedSshClientBuilder(
            Duration.ofSeconds(10), Duration.ofSeconds(30), key, new HostKeyVerifier(knownHosts));
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("sshClientBuilder", ssh);
    camel.start();
    producer = camel.createProducerTemplate();
  }

  private Exchange camelSsh(Path key) {
    return producer.request(
        "ssh:127.0.0.1:"
            + host.port()
            + "?certResource=file:"
            + key
            + "&timeout=10000&clientBuilder=#sshClientBuilder",
        e -> {
          e.getMessage().setHeader(SshConstants.USERNAME_HEADER, host.user());
          e.getMessage().setBody(command());
        });
  }

  private void assertRuns() throws Exception {
    Exchange e = camelSsh(host.privateKey());
    assertThat(e.getException()).isNull();
    assertThat(e.getMessage().getHeader(SshConstants.EXIT_VALUE, Integer.class)).isZero();
    assertThat(marker).exists();
    Files.delete(marker);
    try (ClientSession session = ssh.openSession(host.user(), "127.0.0.1", host.port())) {
      assertThat(session.executeRemoteCommand("id -un").strip()).isEqualTo(host.user());
    }
  }

  /** Refused by both paths with the message, and nothing ran on the host. */
  private void assertRefused(HostKeyRefusal.Kind kind, String message) throws Exception {
    long sudoCalls = sudoCalls();
    Exchange e = camelSsh(host.privateKey());
    assertThat(e.getException()).isNotNull();
    String failure = ssh.loginFailure(e.getException(), host.user(), "127.0.0.1", host.port());
    assertThat(failure).startsWith(message).doesNotContain("authentication refused");

    assertThatThrownBy(() -> ssh.openSession(host.user(), "127.0.0.1", host.port()))
        .isInstanceOfSatisfying(
            SshLoginException.class,
            refused -> {
              assertThat(refused.step()).isEqualTo(Step.HOST_KEY);
              assertThat(refused.hostKeyRefusal())
                  .get()
                  .extracting(HostKeyRefusal::kind)
                  .isEqualTo(kind);
              assertThat(refused.getMessage()).startsWith(message);
            });
    assertThat(marker).doesNotExist();
    assertThat(sudoCalls()).isEqualTo(sudoCalls);
  }

  private static long sudoCalls() throws Exception {
    return Files.exists(host.sudoLog()) ? Files.readAllLines(host.sudoLog()).size() : 0;
  }

  private String address() {
    return "[127.0.0.1]:" + host.port();
  }

  private static String publicKey(String type) throws Exception {
    String[] parts = Files.readString(Path.of(host.hostKey(type) + ".pub")).strip().split(" ");
    return parts[0] + " " + parts[1];
  }

  @Test
  void sshKeyscanOutputWithBothKeysIsAccepted() throws Exception {
    client(host.knownHosts());
    assertRuns();
  }

  @Test
  void hashedEntriesAreAccepted() throws Exception {
    Path knownHosts = host.knownHosts("-H");
    assertThat(Files.readString(knownHosts)).doesNotContain("127.0.0.1");
    client(knownHosts);
    assertRuns();
  }

  @Test
  void commentsAndTrailingCommentsAreAccepted() throws Exception {
    Path knownHosts = dir.resolve("known_hosts-commented");
    StringBuilder text = new StringBuilder("# fleet hosts, from ssh-keyscan\n\n");
    for (String line : Files.readAllLines(host.knownHosts())) {
      if (!line.startsWith("#")) {
        text.append(line).append(" root@web-1 (rack 3)\n");
      }
    }
    Files.writeString(knownHosts, text);
    client(knownHosts);
    assertRuns();
  }

  @Test
  void aHostKnownByOneOfItsKeysIsAskedForThatKey() throws Exception {
    // the host offers ed25519 and rsa; MINA would prefer ed25519, known_hosts has rsa only
    client(host.knownHosts("-t", "rsa"));
    assertRuns();
  }

  @Test
  void aChangedKeyIsRefusedBeforeAnythingRuns() throws Exception {
    Path other = dir.resolve("other_ed25519");
    RealSshHost.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()));
    Path knownHosts = dir.resolve("known_hosts-changed");
    Files.writeString(
        knownHosts, address() + " " + Files.readString(Path.of(other + ".pub")).strip() + "\n");
    client(knownHosts);
    assertRefused(
        HostKeyRefusal.Kind.CHANGED,
        "host key CHANGED for " + address() + ": it offers ssh-ed25519 SHA256:");
  }

  @Test
  void aRevokedKeyIsRefusedEvenWhenAlsoListedAsKnown() throws Exception {
    // "*" covers every host and port, as in OpenSSH (MINA alone would match it on port 22 only)
    Path knownHosts = host.knownHosts();
    Files.writeString(
        knownHosts, Files.readString(knownHosts) + "@revoked * " + publicKey("ed25519") + "\n");
    client(knownHosts);
    assertRefused(
        HostKeyRefusal.Kind.REVOKED, "host key REVOKED for " + address() + ": ssh-ed25519 SHA256:");
  }

  @Test
  void anEntryForAPrefixOfTheAddressOrPortIsNoEntryForTheHost() throws Exception {
    String port = String.valueOf(host.port());
    Path knownHosts = dir.resolve("known_hosts-prefixes");
    Files.writeString(
        knownHosts,
        String.join(
            "\n",
            "[127.0.0.1]:" + port.substring(0, port.length() - 1) + " " + publicKey("ed25519"),
            "[127.0.0.12]:" + port + " " + publicKey("ed25519"),
            "127.0.0.12 " + publicKey("rsa"),
            "127.0.0.1 " + publicKey("rsa"), // port 22
            ""));
    client(knownHosts);
    assertRefused(
        HostKeyRefusal.Kind.UNKNOWN,
        "host key unknown for " + address() + " (not in " + knownHosts);
  }

  @Test
  void aMissingOrUnreadableFileRefusesEveryHost() throws Exception {
    Path missing = dir.resolve("no-such-known_hosts");
    client(missing);
    assertRefused(
        HostKeyRefusal.Kind.UNKNOWN,
        "host key unknown for " + address() + " (" + missing + " does not exist)");
    stopClient();

    Path broken = host.knownHosts();
    Files.writeString(broken, Files.readString(broken) + "[127.0.0.1]:notaport ssh-ed25519 AAAA\n");
    client(broken);
    assertRefused(
        HostKeyRefusal.Kind.UNREADABLE,
        "host key not checked for " + address() + ": " + broken + " cannot be read");
  }

  @Test
  void aRefusedLoginIsToldApartFromARefusedHostKey() throws Exception {
    Path stranger = dir.resolve("stranger_ed25519");
    RealSshHost.run(
        List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()));
    client(host.knownHosts(), stranger);
    Exchange e = camelSsh(stranger);
    assertThat(ssh.loginFailure(e.getException(), host.user(), "127.0.0.1", host.port()))
        .isEqualTo(
            "authentication refused for "
                + host.user()
                + "@"
                + address()
                + " (the host does not accept "
                + stranger
                + ")");
    assertThatThrownBy(() -> ssh.openSession(host.user(), "127.0.0.1", host.port()))
        .isInstanceOfSatisfying(
            SshLoginException.class,
            refused -> assertThat(refused.step()).isEqualTo(Step.AUTHENTICATION));
    assertThat(marker).doesNotExist();
  }

  @Test
  void aHostCertificateIsAcceptedByItsCertAuthorityAndRefusedWhenTheCaIsRevoked() throws Exception {
    Path ca = dir.resolve("host_ca");
    RealSshHost.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ca.toString()));
    String caKey = Files.readString(Path.of(ca + ".pub")).strip();
    host.certifyHostKey("ed25519", ca);

    Path byCa = dir.resolve("known_hosts-ca");
    Files.writeString(byCa, "@cert-authority " + address() + " " + caKey + "\n");
    client(byCa);
    assertRuns();
    stopClient();

    Path revoked = dir.resolve("known_hosts-ca-revoked");
    Files.writeString(
        revoked, "@cert-authority " + address() + " " + caKey + "\n@revoked * " + caKey + "\n");
    client(revoked);
    assertRefused(HostKeyRefusal.Kind.REVOKED, "host key REVOKED for " + address());
    stopClient();

    // no CA listed: the certificate's own key is checked like a plain host key, as OpenSSH does
    client(host.knownHosts("-t", "ed25519"));
    assertRuns();
  }
}
