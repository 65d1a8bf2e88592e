package dev.ec2migrator.demo.ssh;

/**
 * Exit status of a command; {@code exit} is set by the {@code exit} builtin so that the enclosing
 * shell stops running further commands.
 */
record ShellStatus(int code, boolean exit) {

  static final ShellStatus SUCCESS = new ShellStatus(0, false);
  static final ShellStatus FAILURE = new ShellStatus(1, false);

  static ShellStatus of(int code) {
    return new ShellStatus(code, false);
  }

  /** The status seen by the caller of a shell or subshell, where {@code exit} has ended. */
  ShellStatus leaveShell() {
    return exit ? of(code) : this;
  }
}
