package dev.ec2migrator.demo.ssh;

import java.util.List;

/** {@code test} / {@code [}: the unary and binary primaries the quiesce script uses. */
final class TestCommand {

  private TestCommand() {}

  /** 0 true, 1 false, 2 bad usage (with a message on stderr, as dash writes it). */
  static int run(SimHost host, String name, List<String> args, ShellIo io) {
    List<String> operands = args;
    if (name.equals("[")) {
      if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
        io.error("sh: 1: [: missing ]");
        return 2;
      }
      operands = args.subList(0, args.size() - 1);
    }
    Boolean result = evaluate(host, operands);
    if (result == null) {
      io.error("sh: 1: " + name + ": " + String.join(" ", operands) + ": unexpected operator");
      return 2;
    }
    return result ? 0 : 1;
  }

  private static Boolean evaluate(SimHost host, List<String> a) {
    if (!a.isEmpty() && a.get(0).equals("!")) {
      Boolean inner = evaluate(host, a.subList(1, a.size()));
      return inner == null ? null : !inner;
    }
    return switch (a.size()) {
      case 0 -> false;
      case 1 -> !a.get(0).isEmpty();
      case 2 ->
          switch (a.get(0)) {
            case "-z" -> a.get(1).isEmpty();
            case "-n" -> !a.get(1).isEmpty();
            case "-x" -> host.executable(a.get(1));
            case "-e", "-f" -> host.executable(a.get(1)) || host.file(a.get(1)) != null;
            default -> null;
          };
      case 3 -> binary(a.get(0), a.get(1), a.get(2));
      default -> null;
    };
  }

  private static Boolean binary(String left, String op, String right) {
    if (op.equals("=")) {
      return left.equals(right);
    }
    if (op.equals("!=")) {
      return !left.equals(right);
    }
    long l;
    long r;
    try {
      l = Long.parseLong(left);
      r = Long.parseLong(right);
    } catch (NumberFormatException e) {
      return null;
    }
    return switch (op) {
      case "-eq" -> l == r;
      case "-ne" -> l != r;
      case "-gt" -> l > r;
      case "-ge" -> l >= r;
      case "-lt" -> l < r;
      case "-le" -> l <= r;
      default -> null;
    };
  }
}
