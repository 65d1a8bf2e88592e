package dev.ec2migrator.preflight;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.quiesce.QuiesceMode;
import dev.ec2migrator.quiesce.QuiesceModes;
import dev.ec2migrator.quiesce.SshTargets;
import dev.ec2migrator.quiesce.SudoersRules;
import dev.ec2migrator.ssh.SshLoginException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * For a running instance quiesced over SSH: the host answers, its key is the known one, it has the
 * mount points the quiesce names (/proc/mounts, no sudo), fsfreeze where the mode needs it, and
 * {@code sudo -n -l} lists each quiesce command the host will run (the rules {@code sudoers}
 * prints). Only reads: nothing is frozen or remounted.
 */
public class SshHostCheck implements PreflightCheck {
  static final String HAS_FSFREEZE =
      "if [ -x /sbin/fsfreeze ] || [ -x /usr/sbin/fsfreeze ]; then echo yes; else echo no; fi";

  /** More than any /proc/mounts or sudo listing; a host that sends more is cut off there. */
  private static final int MAX_OUTPUT = 1 << 20;

  private final BoundedSshClientBuilder ssh;
  private final SshTargets targets;
  private final QuiesceModes quiesceModes;
  private final SudoersRules fsfreezeRules;
  private final SudoersRules remountRules;

  public SshHostCheck(
      BoundedSshClientBuilder ssh,
      SshTargets targets,
      QuiesceModes quiesceModes,
      SudoersRules fsfreezeRules,
      SudoersRules remountRules) {
    this.ssh = ssh;
    this.targets = targets;
    this.quiesceModes = quiesceModes;
    this.fsfreezeRules = fsfreezeRules;
    this.remountRules = remountRules;
  }

  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public List<String> findings(InstanceMigration m) throws IOException {
    QuiesceMode mode;
    String user;
    String host;
    try {
      mode = quiesceModes.of(m);
      if (!mode.overSsh() || !m.source().running() || !m.needsSnapshots()) {
        return List.of();
      }
      user = targets.user(m);
      host = targets.host(m);
    } catch (MigrationException e) {
      return List.of(e.getMessage());
    }
    int port = targets.port(m);
    List<String> mountPoints = targets.mountPoints(m);
    ClientSession session;
    try {
      session = ssh.openSession(user, host, port);
    } catch (SshLoginException e) {
      return List.of(
          switch (e.step()) {
            case CONNECT -> "not reachable: " + e.getMessage();
            case HOST_KEY -> "host key not known: " + e.getMessage();
            case AUTHENTICATION -> e.getMessage();
          });
    }
    try (session) {
      List<String> findings = new ArrayList<>();
      Output mounts = run(session, "cat /proc/mounts");
      Set<String> mounted = mountPoints(mounts.out());
      for (String mountPoint : mountPoints) {
        if (!mounted.contains(mountPoint)) {
          findings.add(mountPoint + " is not a mount point on " + host + " (/proc/mounts)");
        }
      }
      boolean hasFsfreeze = run(session, HAS_FSFREEZE).out().strip().equals("yes");
      if (mode == QuiesceMode.FSFREEZE && !hasFsfreeze) {
        findings.add("fsfreeze is not installed (quiesce mode fsfreeze): use mode remount or auto");
      }
      SudoersRules rules =
          mode == QuiesceMode.FSFREEZE || (mode == QuiesceMode.AUTO && hasFsfreeze)
              ? fsfreezeRules
              : remountRules;
      List<String> present = mountPoints.stream().filter(mounted::contains).toList();
      Output sudo = run(session, "sudo -n -l");
      if (sudo.status() == null || sudo.status() != 0) {
        findings.add(
            "sudo -n -l was refused ("
                + sudo.err().strip()
                + "): install the rules that `sudoers <list>` prints");
        return findings;
      }
      SudoListing listing = new SudoListing(sudo.out());
      for (List<String> command : rules.commands(present)) {
        if (!listing.allowsAny(command)) {
          findings.add(
              "sudo does not allow `"
                  + command.get(0)
                  + "` without a password: install the rules that `sudoers <list>` prints");
        }
      }
      return findings;
    }
  }

  private record Output(Integer status, String out, String err) {}

  private Output run(ClientSession session, String command) throws IOException {
    Duration timeout = ssh.commandTimeout();
    ByteArrayOutputStream out = new Bounded();
    ByteArrayOutputStream err = new Bounded();
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(timeout);
      Set<ClientChannelEvent> events =
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (events.contains(ClientChannelEvent.TIMEOUT)) {
        throw new IOException("`" + command + "` did not end within " + timeout);
      }
      return new Output(
          channel.getExitStatus(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Field 2 of each /proc/mounts line, its octal escapes (\040 for a space) decoded. */
  static Set<String> mountPoints(String procMounts) {
    Set<String> mounted = new HashSet<>();
    for (String line : procMounts.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 2) {
        StringBuilder decoded = new StringBuilder();
        String f = fields[1];
        for (int i = 0; i < f.length(); i++) {
          if (f.charAt(i) == '\\'
              && i + 3 < f.length()
              && f.substring(i + 1, i + 4).matches("[0-7]{3}")) {
            decoded.append((char) Integer.parseInt(f.substring(i + 1, i + 4), 8));
            i += 3;
          } else {
            decoded.append(f.charAt(i));
          }
        }
        mounted.add(decoded.toString());
      }
    }
    return mounted;
  }

  /** Keeps the first MAX_OUTPUT bytes. */
  private static final class Bounded extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, Math.max(0, Math.min(len, MAX_OUTPUT - count)));
    }

    @Override
    public synchronized void write(int b) {
      if (count < MAX_OUTPUT) {
        super.write(b);
      }
    }
  }
}
