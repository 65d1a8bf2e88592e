package dev.ec2migrator.demo.ssh;

/** A command line the simulated {@code sh} cannot parse (reported as exit 2, like dash). */
final class ShellSyntaxException extends Exception {

  ShellSyntaxException(String message) {
    super(message);
  }
}
