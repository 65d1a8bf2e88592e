package dev.ec2migrator.demo.ssh;

/**
 * A lexical token of the simulated shell. For {@link Type#REDIRECT} {@code text} is the operator
 * ({@code >}, {@code >>}, {@code <}, {@code >&}, {@code <&}) and {@code fd} the descriptor it
 * applies to. A {@link Type#WORD} is {@code quoted} when any part of it was quoted (then it is
 * never a reserved word such as {@code if} or {@code done}).
 */
record ShellToken(Type type, String text, int fd, boolean quoted) {

  enum Type {
    WORD,
    AND_IF,
    OR_IF,
    SEMI,
    DSEMI,
    AMP,
    PIPE,
    NEWLINE,
    LPAREN,
    RPAREN,
    REDIRECT,
    EOF
  }

  static ShellToken of(Type type, String text) {
    return new ShellToken(type, text, -1, false);
  }

  /** True for an unquoted word that reads {@code reserved}. */
  boolean isReserved(String reserved) {
    return type == Type.WORD && !quoted && text.equals(reserved);
  }
}
