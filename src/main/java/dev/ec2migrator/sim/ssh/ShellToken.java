package dev.ec2migrator.sim.ssh;

/**
 * A lexical token of the simulated shell. For {@link Type#REDIRECT} {@code text} is the operator
 * ({@code >}, {@code >>}, {@code <}, {@code >&}, {@code <&}) and {@code fd} the descriptor it
 * applies to.
 */
record ShellToken(Type type, String text, int fd) {

  enum Type {
    WORD,
    AND_IF,
    OR_IF,
    SEMI,
    AMP,
    PIPE,
    NEWLINE,
    LPAREN,
    RPAREN,
    REDIRECT,
    EOF
  }

  static ShellToken of(Type type, String text) {
    return new ShellToken(type, text, -1);
  }
}
