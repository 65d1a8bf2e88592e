package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.ShellNode.Redirect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The open descriptors of a command: stdout, stderr and the inputs (0, and 3-9 after exec). */
record ShellIo(OutputSink out, OutputSink err, Map<Integer, ShellInput> inputs) {

  ShellIo {
    inputs = Map.copyOf(inputs);
  }

  ShellIo(OutputSink out, OutputSink err) {
    this(out, err, Map.of(0, ShellInput.NULL));
  }

  void println(String line) {
    out.write(line + "\n");
  }

  void error(String line) {
    err.write(line + "\n");
  }

  ShellInput stdin() {
    return inputs.getOrDefault(0, ShellInput.NULL);
  }

  boolean holdsChannel() {
    return out.isChannel() || err.isChannel();
  }

  /** The same descriptors with stdin replaced (a background job's stdin is /dev/null). */
  ShellIo withStdin(ShellInput in) {
    Map<Integer, ShellInput> changed = new HashMap<>(inputs);
    changed.put(0, in);
    return new ShellIo(out, err, changed);
  }

  /** True if {@code redirects} give the command its own stdin. */
  static boolean redirectsStdin(List<Redirect> redirects) {
    return redirects.stream().anyMatch(r -> r.op().startsWith("<") && r.fd() == 0);
  }

  /**
   * Applies redirections left to right; output to a file is discarded (file contents are not
   * simulated), input from a file comes from {@code files} (null: no such file).
   */
  ShellIo redirect(List<Redirect> redirects, Function<String, ShellInput> files) {
    OutputSink out = this.out;
    OutputSink err = this.err;
    Map<Integer, ShellInput> in = new HashMap<>(inputs);
    for (Redirect r : redirects) {
      if (r.op().startsWith("<")) {
        int fd = r.fd();
        ShellInput source =
            r.op().equals("<&")
                ? in.getOrDefault(parseFd(r.target()), ShellInput.NULL)
                : files.apply(r.target());
        if (source == null) {
          throw new RedirectionException(r.target() + ": No such file");
        }
        in.put(fd, source);
        continue;
      }
      if (r.fd() != 1 && r.fd() != 2) {
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
    return new ShellIo(out, err, in);
  }

  private static int parseFd(String text) {
    return text.matches("\\d") ? Integer.parseInt(text) : -1;
  }

  /** A redirection that cannot be made (the command does not run, status 2). */
  static final class RedirectionException extends RuntimeException {
    RedirectionException(String message) {
      super(message);
    }
  }
}
