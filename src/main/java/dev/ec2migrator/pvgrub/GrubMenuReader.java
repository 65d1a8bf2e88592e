package dev.ec2migrator.pvgrub;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.quiesce.SshTargets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * Reads a host's grub menu over SSH as the login user, without sudo (menu.lst is world-readable on
 * the distributions PV-GRUB boots), on the migrator's one SSH client: its identity, host-key check
 * and command bound.
 */
public class GrubMenuReader {
  /** GRUB legacy's menu.lst, or grub.conf where a distribution keeps it under that name. */
  static final String COMMAND = "cat /boot/grub/menu.lst || cat /boot/grub/grub.conf";

  /** A grub menu is a few KiB; a host answering more is not read further. */
  static final int MAX_BYTES = 64 * 1024;

  private final BoundedSshClientBuilder ssh;
  private final SshTargets targets;

  public GrubMenuReader(BoundedSshClientBuilder ssh, SshTargets targets) {
    this.ssh = ssh;
    this.targets = targets;
  }

  /**
   * The menu's text; empty when the host has neither file.
   *
   * @throws IOException the host could not be asked (login refused, no answer in time) or answered
   *     more than {@value #MAX_BYTES} bytes
   */
  public Optional<String> read(InstanceMigration m) throws IOException {
    String host = targets.host(m);
    int port = targets.port(m);
    String user = targets.user(m);
    try (ClientSession session = ssh.openSession(user, host, port);
        ChannelExec channel = session.createExecChannel(COMMAND)) {
      Bounded out = new Bounded();
      channel.setOut(out);
      channel.setErr(OutputStream.nullOutputStream());
      channel.open().verify(ssh.commandTimeout());
      var events =
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), ssh.commandTimeout().toMillis());
      if (events.contains(ClientChannelEvent.TIMEOUT)) {
        throw new IOException(
            "reading the grub menu on " + host + " took longer than " + ssh.commandTimeout());
      }
      if (out.overflowed) {
        throw new IOException(
            "the grub menu on " + host + " is larger than " + MAX_BYTES + " bytes");
      }
      Integer exit = channel.getExitStatus();
      if (exit == null) {
        throw new IOException("the session to " + host + " closed before cat ended");
      }
      return exit == 0 ? Optional.of(out.toString(StandardCharsets.UTF_8)) : Optional.empty();
    }
  }

  private static final class Bounded extends ByteArrayOutputStream {
    boolean overflowed;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (count + len > MAX_BYTES) {
        overflowed = true;
        super.write(b, off, Math.max(0, MAX_BYTES - count));
      } else {
        super.write(b, off, len);
      }
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
