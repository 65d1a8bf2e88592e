package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.ShellNode.Redirect;
import java.util.List;

/** The stdout and stderr of a command, after its redirections. */
record ShellIo(OutputSink out, OutputSink err) {

  void println(String line) {
    out.write(line + "\n");
  }

  void error(String line) {
    err.write(line + "\n");
  }

  boolean holdsChannel() {
    return out.isChannel() || err.isChannel();
  }

  /** Applies redirections left to right; input redirections are accepted and ignored. */
  ShellIo redirect(List<Redirect> redirects) {
    OutputSink out = this.out;
    OutputSink err = this.err;
    for (Redirect r : redirects) {
      if (r.op().startsWith("<") || (r.fd() != 1 && r.fd() != 2)) {
        continue;
      }
      OutputSink target;
      if (r.op().equals(">&")) {
        target = r.target().equals("2") ? err : r.target().equals("1") ? out : OutputSink.DISCARD;
      } else {
        target = OutputSink.DISCARD;
      }
      if (r.fd() == 1) {
        out = target;
      } else {
        err = target;
      }
    }
    return new ShellIo(out, err);
  }
}
