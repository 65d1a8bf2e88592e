package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.SimInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The {@code migrate} command in the {@code aws} profile as a separate JVM, every logger at TRACE
 * (the operator's way: an extra Log4j file merged over the shipped one), AWS credentials with a
 * session token from the environment (the SDK's default chain, so it signs with them and
 * CopySnapshot carries a presigned URL), against the EC2 and SSH simulators of this JVM.
 *
 * <p>The EC2 endpoint is {@code http://localhost:<port>} (with IPv4 only, so 127.0.0.1): an
 * endpoint starting with {@code http://127.0.0.1} makes the migrator use the simulator's fixed
 * credentials instead of the default chain. A relay on 127.0.0.1 in between records what went over
 * the wire, to show the token and the presigned URL were really sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsProfileAtTraceTest {
  private static final String SOURCE = "us-east-1";
  private static final String FORGED = "Run forged-0000: 2 of 2 instances migrated, 0 failed";

  @TempDir static Path work;
  private DemoWorld world;
  private Relay relay;
  private final Map<String, String> secrets = new TreeMap<>();
  private String hostileTag;
  private String out;
  private int exit;

  @BeforeAll
  void migrateAtTraceWithTheDefaultCredentialsChain() throws Exception {
    world =
        DemoWorld.start(
            Map.of(
                "seed", "42",
                "instances", "6",
                "busy-hosts", "",
                "time-scale", "20000",
                "dir", work.resolve("demo").toString()),
            SOURCE);
    relay = new Relay(world.ec2().endpoint().getPort());
    SecureRandom random = new SecureRandom();
    secrets.put("AWS_ACCESS_KEY_ID", "AKIA" + token(random, 16).toUpperCase(Locale.ROOT));
    secrets.put("AWS_SECRET_ACCESS_KEY", token(random, 40));
    secrets.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj" + token(random, 300));

    List<SimInstance> running =
        world.fleet().stream().filter(i -> "running".equals(i.state())).toList();
    assertThat(running).hasSizeGreaterThanOrEqualTo(2);
    SimInstance good = running.get(0);
    SimInstance hostile = running.get(1);
    // a tag value as EC2 returns it: XML carries LF, CR, NEL, the 8-bit CSI and U+2028
    hostileTag = "ec2-user\n" + FORGED + "\r\u0085" + FORGED + "\u009b2K\u2028" + FORGED;
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(world.ec2().endpoint())
            .region(Region.of(SOURCE))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("SIM", "sim")))
            .build()) {
      ec2.createTags(
          b ->
              b.resources(hostile.instanceId())
                  .tags(Tag.builder().key("SshUser").value(hostileTag).build()));
    }
    Path list = work.resolve("fleet.csv");
    Files.writeString(
        list,
        "instance_id,ssh_user\n"
            + good.instanceId()
            + ","
            + good.instanceId()
            + "\n"
            + hostile.instanceId()
            + ",\n");
    Path levels = work.resolve("levels.properties");
    Files.writeString(
        levels,
        String.join(
            "\n",
            "rootLogger.level = TRACE",
            "logger.aws.name = software.amazon.awssdk",
            "logger.aws.level = TRACE",
            "logger.sshd.name = org.apache.sshd",
            "logger.sshd.level = TRACE",
            "logger.wire.name = org.apache.http.wire",
            "logger.wire.level = TRACE",
            "logger.headers.name = org.apache.http.headers",
            "logger.headers.level = TRACE",
            "logger.request.name = software.amazon.awssdk.request",
            "logger.request.level = TRACE",
            "logger.signer.name = software.amazon.awssdk.http.auth",
            "logger.signer.level = TRACE",
            ""));

    Map<String, String> props = new TreeMap<>(world.overrides());
    props.remove("migrator.ssh.user"); // the list's column, else the SshUser tag
    props.put("migrator.ec2.endpoint", "http://localhost:" + relay.port());
    props.put("migrator.outbox", work.resolve("outbox").toString());
    props.put("migrator.poll.interval", "200");
    props.put("migrator.copy.slot-wait", "200");
    props.put("migrator.copy.requeue-delay", "200");
    props.put("camel.main.shutdown-timeout", "5");
    List<String> command =
        ChildMigrator.command(
            List.of(
                "-Xmx384m",
                "-Djava.net.preferIPv4Stack=true",
                "-Dlog4j2.level=TRACE",
                "-Dlog4j2.configurationFile=classpath:log4j2.properties," + levels.toUri()),
            props,
            "--profile",
            "aws",
            "migrate",
            "--verbose", // the whole log on the console too, which is searched with the files
            list.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("child.log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.putAll(secrets);
    env.put("AWS_EC2_METADATA_DISABLED", "true"); // the chain never asks 169.254.169.254
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    Process process = builder.start();
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the migrate command did not end within 240 s");
    }
    exit = process.exitValue();
    out = Files.readString(work.resolve("child.log"));
    // kept in target/ for reading after the build
    Path kept = Files.createDirectories(Path.of("target", "aws-profile-at-trace"));
    Files.writeString(kept.resolve("child.log"), out);
  }

  @AfterAll
  void stop() throws IOException {
    if (relay != null) {
      relay.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  void noCredentialTokenSignatureOrPresignedUrlInTheOutputOrAnyFileWritten() throws Exception {
    // the run happened, signed with the environment's credentials, at every level
    assertThat(exit).as(tail()).isEqualTo(1);
    assertThat(out).contains("1 of 2 instances migrated, 1 failed");
    String wire = relay.recorded();
    assertThat(wire)
        .as("the session token and a presigned CopySnapshot went over the wire")
        .contains("X-Amz-Security-Token: " + secrets.get("AWS_SESSION_TOKEN"))
        .contains("Action=CopySnapshot")
        .contains("PresignedUrl=")
        .contains(secrets.get("AWS_SESSION_TOKEN"));
    assertThat(out)
        .as("TRACE and DEBUG lines of the SDK, Apache HttpClient and MINA were written")
        .contains(" TRACE ")
        .containsPattern("DEBUG .* (PoolingHttpClientConnectionManager|MainClientExec) - ")
        .containsPattern("TRACE .* UserAuthPublicKey - ")
        .contains(
            "AwsCredentialsProviderChain - Loading credentials from"
                + " EnvironmentVariableCredentialsProvider");
    assertThat(out).as("Log4j took the configuration").doesNotContain(" ERROR DenyLoggers");

    StringBuilder everything = new StringBuilder(out);
    try (Stream<Path> files = Files.walk(work)) {
      for (Path p :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.startsWith(work.resolve("demo"))) // the key and known_hosts we wrote
              .toList()) {
        everything.append('\n').append(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    String text = everything.toString();
    String key = Files.readString(work.resolve("demo").resolve("id_ed25519"));
    String body =
        key.lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining()).strip();
    for (String needle :
        List.of(
            secrets.get("AWS_SECRET_ACCESS_KEY"),
            secrets.get("AWS_SESSION_TOKEN"),
            secrets.get("AWS_SESSION_TOKEN").substring(100, 140),
            body.substring(0, 40),
            body.substring(body.length() - 40))) {
      assertThat(text).doesNotContain(needle);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String needle : List.of("x-amz-signature", "x-amz-security-token", "x-amz-credential")) {
      assertThat(lower).as(needle).doesNotContain(needle);
    }
    // a SigV4 signature in any form (Authorization header, canonical request, presigned URL)
    assertThat(text).doesNotContainPattern("(?i)signature[=:]\\s*[0-9a-f]{64}");
    assertThat(text).doesNotContain("AWS4-HMAC-SHA256 Credential=");
  }

  @Test
  void aHostileSshUserTagForgesNoConsoleOrLogLine() {
    assertThat(exit).as(tail()).isEqualTo(1);
    List<String> lines = out.lines().toList();
    // the value is reported, on the line of the failure, escaped
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("  FAILED ")
                    .contains("ec2-user\\n" + FORGED + "\\r\\u0085" + FORGED + "\\u009B2K"));
    assertThat(lines).anyMatch(l -> l.contains(" - ") && l.contains("ec2-user\\n" + FORGED));
    // no line of its own, no raw control character
    assertThat(lines).noneMatch(l -> l.startsWith(FORGED));
    assertThat(out).doesNotContain("\r").doesNotContain("\u0085").doesNotContain("\u009b");
    assertThat(out).doesNotContain("\u2028");
    assertThat(hostileTag).contains("\n");
  }

  private String tail() {
    return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
  }

  private static String token(SecureRandom random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** Forwards 127.0.0.1:port to the simulator and records what the client sent. */
  private static final class Relay implements AutoCloseable {
    private final ServerSocket server;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();

    Relay(int targetPort) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    synchronized (sockets) {
                      sockets.add(client);
                      sockets.add(target);
                    }
                    pump(client.getInputStream(), target.getOutputStream(), true);
                    pump(target.getInputStream(), client.getOutputStream(), false);
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              },
              "relay-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String recorded() {
      synchronized (sent) {
        return sent.toString(StandardCharsets.ISO_8859_1);
      }
    }

    private void pump(InputStream in, OutputStream out, boolean record) {
      Thread t =
          new Thread(
              () -> {
                byte[] buffer = new byte[16384];
                try (in;
                    out) {
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    if (record) {
                      synchronized (sent) {
                        sent.write(buffer, 0, n);
                      }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                } catch (IOException e) {
                  // the other side closed
                }
              },
              "relay-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (sockets) {
        for (Socket s : sockets) {
          try {
            s.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }
}
