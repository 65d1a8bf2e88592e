package dev.ec2migrator.realhost;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 for tests: Debian's sshd on a free port with its own rsa and
 * ed25519 host keys, a Unix user of its own that logs in with a key generated here, real sudo rules
 * and loop-mounted ext4 file systems. Installs openssh-server and sudo when they are missing and
 * fails with the reason when it cannot: a real-host test never skips.
 *
 * <p>Each fixture has its own user (so its sudo rules and sudo log are its own while other test
 * JVMs on the machine run fixtures too); {@link #close()} stops its sshd by pid, unmounts its file
 * systems, removes its sudoers file and deletes its user.
 */
public final class RealSshHost implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path SUDO = Path.of("/usr/bin/sudo");
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final Object INSTALL_LOCK = new Object();

  private final Path dir;
  private final String user;
  private final Path clientKey;
  private final Path sudoLog;
  private final Deque<Path> mounts = new ArrayDeque<>();
  private final List<Path> sudoersFiles = new ArrayList<>();
  private final List<String> hostCertificates = new ArrayList<>();
  private Process sshd;
  private int port;
  private int knownHostsFiles;
  private int images;

  private RealSshHost(Path dir, String user) {
    this.dir = dir;
    this.user = user;
    this.clientKey = dir.resolve("client_ed25519");
    this.sudoLog = dir.resolve("sudo.log");
  }

  /** Installs what is missing, creates the user and keys in {@code dir}, starts sshd. */
  public static RealSshHost start(Path dir) throws IOException, InterruptedException {
    ensureInstalled();
    Files.createDirectories(dir);
    // the test user reaches mount points inside it; the keys in it are owner-only files
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    // the suffix keeps fixtures of test JVMs running side by side apart (Unix names <= 32 chars)
    String user = "migrtest" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    RealSshHost host = new RealSshHost(dir, user);
    try {
      host.createUser();
      host.generateKeys();
      host.startSshd();
      return host;
    } catch (IOException | InterruptedException | RuntimeException e) {
      host.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  /** The generated ed25519 client key (OpenSSH format) that logs in as {@link #user()}. */
  public Path privateKey() {
    return clientKey;
  }

  /** The private host key of a type, {@code rsa} or {@code ed25519}; its .pub is beside it. */
  public Path hostKey(String type) {
    if (!type.equals("rsa") && !type.equals("ed25519")) {
      throw new IllegalArgumentException("host key types here are rsa and ed25519, not " + type);
    }
    return dir.resolve("ssh_host_" + type + "_key");
  }

  /**
   * A known_hosts file as {@code ssh-keyscan -p <port> [args] 127.0.0.1} writes it (so {@code -H}
   * gives hashed entries, {@code -t ed25519} one key type).
   */
  public synchronized Path knownHosts(String... sshKeyscanArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of("ssh-keyscan", "-p", String.valueOf(port)));
    command.addAll(List.of(sshKeyscanArgs));
    command.add("127.0.0.1");
    String out = run(command).checked("ssh-keyscan").stdout();
    if (out.isBlank()) {
      throw new IllegalStateException("ssh-keyscan returned no key for 127.0.0.1:" + port);
    }
    Path file = dir.resolve("known_hosts-" + ++knownHostsFiles);
    Files.writeString(file, out);
    return file;
  }

  /**
   * Signs the host key of a type with a CA key (an OpenSSH host certificate for 127.0.0.1, valid
   * from 5 minutes ago for an hour) and has sshd offer it: sshd re-reads its configuration on
   * SIGHUP, keeping its pid and port.
   */
  public synchronized void certifyHostKey(String type, Path caPrivateKey)
      throws IOException, InterruptedException {
    Path publicKey = Path.of(hostKey(type) + ".pub");
    run(List.of(
            "ssh-keygen",
            "-q",
            "-s",
            caPrivateKey.toString(),
            "-I",
            "ec2migrator-test",
            "-h",
            "-n",
            "127.0.0.1",
            "-V",
            "-5m:+1h",
            publicKey.toString()))
        .checked("ssh-keygen -s (host certificate)");
    hostCertificates.add(hostKey(type) + "-cert.pub");
    Path config = writeConfig();
    run(List.of(SSHD.toString(), "-t", "-f", config.toString())).checked("sshd -t");
    run(List.of("kill", "-HUP", String.valueOf(sshd.pid()))).checked("kill -HUP sshd");
    Thread.sleep(200); // sshd closes its socket before it execs itself again
    if (!waitForBanner()) {
      throw new IllegalStateException("sshd did not come back after SIGHUP: " + sshdLog());
    }
  }

  /**
   * Mounts a fresh ext4 file system (a sparse image in the fixture's folder, through a loop device)
   * on {@code mountPoint}, its root owned by the test user; read-only when asked.
   */
  public synchronized void mountLoopExt4(Path mountPoint, boolean readOnly) throws IOException {
    Path image = dir.resolve("ext4-" + ++images + ".img");
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(32L * 1024 * 1024);
    }
    run(List.of("mkfs.ext4", "-q", "-F", image.toString())).checked("mkfs.ext4 (e2fsprogs)");
    Files.createDirectories(mountPoint);
    Result mounted = run(List.of("mount", "-o", "loop", image.toString(), mountPoint.toString()));
    if (mounted.exit() != 0) {
      throw new IllegalStateException(
          "cannot loop-mount an ext4 image on "
              + mountPoint
              + " ("
              + mounted.stderr().strip()
              + "): this machine gives no loop devices or no mount rights (a container needs"
              + " /dev/loop-control and CAP_SYS_ADMIN), so the real-host tests cannot run");
    }
    mounts.push(mountPoint);
    run(List.of("chown", user + ":", mountPoint.toString())).checked("chown of the mount");
    if (readOnly) {
      run(List.of("mount", "-o", "remount,ro", mountPoint.toString())).checked("remount,ro");
    }
  }

  /**
   * Installs sudo rules for the test user as /etc/sudoers.d/ file of this fixture, once {@code
   * visudo -cf} accepts them, with every sudo call of the user logged to {@link #sudoLog()} one
   * line each. The user is never asked for a password ({@code !authenticate}; it has none), so a
   * call outside the rules is refused as "command not allowed" and logged so.
   */
  public synchronized void installSudoers(String rules) throws IOException {
    String name = "ec2migrator-test-" + user + "-" + sudoersFiles.size();
    String text =
        "Defaults:"
            + user
            + " logfile=\""
            + sudoLog
            + "\", loglinelen=0, !syslog, !authenticate\n"
            + rules
            + (rules.endsWith("\n") ? "" : "\n");
    Path candidate = dir.resolve(name);
    Files.writeString(candidate, text);
    Result check = run(List.of("visudo", "-cf", candidate.toString()));
    if (check.exit() != 0) {
      throw new IllegalArgumentException(
          "visudo refuses the sudoers rules: " + check.stdout() + check.stderr() + "\n" + text);
    }
    // sudo skips files in sudoers.d whose name has a dot or ends in ~
    Path installed = Path.of("/etc/sudoers.d", name);
    Files.writeString(installed, text);
    Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("r--r-----"));
    sudoersFiles.add(installed);
  }

  /** sudo's log of the test user's calls (allowed and refused), oldest first. */
  public Path sudoLog() {
    return sudoLog;
  }

  /**
   * Runs a command as the test user through the real ssh client and returns its stdout; a non-zero
   * exit throws with the exit status and stderr. For test setup and asserts: no host-key check.
   */
  public String exec(String command) throws IOException {
    return execResult(command).checked("ssh " + command).stdout();
  }

  /** Like {@link #exec} but hands back any exit status with stdout and stderr. */
  public Result execResult(String command) throws IOException {
    return run(
        List.of(
            "ssh",
            "-F",
            "/dev/null",
            "-i",
            clientKey.toString(),
            "-p",
            String.valueOf(port),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            user + "@127.0.0.1",
            command));
  }

  /** What sshd wrote (-e sends its log to stderr), for failure messages. */
  public String sshdLog() throws IOException {
    Path log = dir.resolve("sshd.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public synchronized void close() throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    if (sshd != null) {
      sshd.destroy();
      if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
        sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      sshd = null;
    }
    while (!mounts.isEmpty()) {
      Path mountPoint = mounts.pop();
      // a test that failed while a mount was frozen: umount would wait for the thaw forever
      run(List.of("fsfreeze", "-u", mountPoint.toString()));
      Result umount = run(List.of("umount", mountPoint.toString()));
      if (umount.exit() != 0) {
        problems.add("umount " + mountPoint + ": " + umount.stderr().strip());
      }
    }
    for (Path file : sudoersFiles) {
      Files.deleteIfExists(file);
    }
    sudoersFiles.clear();
    if (run(List.of("id", "-u", user)).exit() == 0) {
      Result userdel = run(List.of("userdel", "-f", "-r", user));
      if (userdel.exit() != 0 && userdel.exit() != 12) { // 12: home already gone
        problems.add("userdel " + user + ": " + userdel.stderr().strip());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("cleaning up the real ssh host: " + problems);
    }
  }

  /** A finished process: its exit status and output. */
  public record Result(int exit, String stdout, String stderr) {
    Result checked(String what) {
      if (exit != 0) {
        throw new IllegalStateException(what + " failed (exit " + exit + "): " + stderr.strip());
      }
      return this;
    }
  }

  private static void ensureInstalled() throws IOException {
    synchronized (INSTALL_LOCK) {
      if (Files.isExecutable(SSHD) && Files.isExecutable(SUDO) && Files.exists(visudo())) {
        return;
      }
      // other JVMs may install at the same time: wait for dpkg's lock instead of failing
      Duration aptTimeout = Duration.ofMinutes(15);
      Result update =
          run(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update"), aptTimeout);
      Result install =
          run(
              List.of(
                  "apt-get",
                  "-o",
                  "DPkg::Lock::Timeout=600",
                  "install",
                  "-y",
                  "--no-install-recommends",
                  "openssh-server",
                  "sudo"),
              aptTimeout);
      if (install.exit() != 0 || !Files.isExecutable(SSHD) || !Files.isExecutable(SUDO)) {
        throw new IllegalStateException(
            "the real-host tests need Debian's openssh-server (/usr/sbin/sshd) and sudo"
                + " (/usr/bin/sudo), which are missing and could not be installed: apt-get update"
                + " exit "
                + update.exit()
                + ", apt-get install exit "
                + install.exit()
                + ": "
                + install.stderr().strip());
      }
    }
  }

  private static Path visudo() {
    return Path.of("/usr/sbin/visudo");
  }

  private void createUser() throws IOException {
    run(List.of("useradd", "--create-home", "--shell", "/bin/sh", user)).checked("useradd " + user);
    // a key login only: '*' is no password, and unlike useradd's '!' not a locked account, which
    // sshd refuses without PAM
    run(List.of("usermod", "--password", "*", user)).checked("usermod " + user);
  }

  private void generateKeys() throws IOException {
    for (String type : List.of("rsa", "ed25519")) {
      keygen(type, hostKey(type), "host");
    }
    keygen("ed25519", clientKey, "ec2migrator-test");
    Path sshDir = Path.of("/home", user, ".ssh");
    Files.createDirectories(sshDir);
    Path authorized = sshDir.resolve("authorized_keys");
    Files.copy(clientKey.resolveSibling(clientKey.getFileName() + ".pub"), authorized);
    Files.setPosixFilePermissions(sshDir, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
    run(List.of("chown", "-R", user + ":", sshDir.toString())).checked("chown " + sshDir);
  }

  private static void keygen(String type, Path file, String comment) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", comment));
    if (type.equals("rsa")) {
      command.addAll(List.of("-b", "3072"));
    }
    command.addAll(List.of("-f", file.toString()));
    run(command).checked("ssh-keygen -t " + type);
  }

  private void startSshd() throws IOException, InterruptedException {
    // sshd's privilege separation directory
    Files.createDirectories(Path.of("/run/sshd"));
    // a free port can be taken by another process before sshd binds it: try a few
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      Path config = writeConfig();
      run(List.of(SSHD.toString(), "-t", "-f", config.toString())).checked("sshd -t");
      Path log = dir.resolve("sshd.log");
      sshd =
          new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (waitForBanner()) {
        return;
      }
      sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      sshd = null;
      if (attempt == 3) {
        throw new IllegalStateException(
            "sshd did not answer on 127.0.0.1:" + port + ": " + Files.readString(log));
      }
    }
  }

  private Path writeConfig() throws IOException {
    Path config = dir.resolve("sshd_config");
    String text =
        String.join(
            "\n",
            "ListenAddress 127.0.0.1",
            "Port " + port,
            "HostKey " + hostKey("rsa"),
            "HostKey " + hostKey("ed25519"),
            hostCertificates.stream().map(c -> "HostCertificate " + c).collect(joining("\n")),
            "PidFile " + dir.resolve("sshd.pid"),
            "AuthorizedKeysFile .ssh/authorized_keys",
            "AllowUsers " + user,
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin no",
            // the user's key and home are set up with owner-only modes, so the checks pass
            "StrictModes yes",
            "UsePAM no",
            "PrintMotd no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "LogLevel VERBOSE",
            "");
    Files.writeString(config, text);
    return config;
  }

  private boolean waitForBanner() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      if (!sshd.isAlive()) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        socket.setSoTimeout(2000);
        byte[] banner = socket.getInputStream().readNBytes(4);
        if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static Result run(List<String> command) throws IOException {
    return run(command, COMMAND_TIMEOUT);
  }

  static Result run(List<String> command, Duration timeout) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.put("LC_ALL", "C");
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), stdout.join(), stderr.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  /** On a thread of its own: a shared pool may have one thread, and both pipes must drain. */
  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
          }
        },
        task -> new Thread(task, "real-ssh-host-output").start());
  }
}
