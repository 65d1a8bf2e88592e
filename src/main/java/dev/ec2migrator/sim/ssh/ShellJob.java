package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.HostEvent.Kind;

/**
 * The foreground job or one background job of a command line. A background job that sleeps is a
 * dead-man: after the sleep it checks its marker file with {@code rm}, so that check tells whether
 * it fired (marker still there) or expired (a thaw already removed it).
 */
final class ShellJob {

  private final SimHost host;
  private final String text;
  private final boolean background;
  private boolean armed;
  private boolean resolved;

  private ShellJob(SimHost host, String text, boolean background) {
    this.host = host;
    this.text = text;
    this.background = background;
  }

  static ShellJob foreground(SimHost host) {
    return new ShellJob(host, "", false);
  }

  ShellJob inBackground(String commandText) {
    return new ShellJob(host, commandText, true);
  }

  synchronized void sleeping() {
    if (background && !armed) {
      armed = true;
      host.record(Kind.DEADMAN_ARMED, text);
    }
  }

  synchronized void markerChecked(String path, boolean wasPresent) {
    if (armed && !resolved) {
      resolved = true;
      host.record(wasPresent ? Kind.DEADMAN_FIRED : Kind.DEADMAN_EXPIRED, path);
    }
  }
}
