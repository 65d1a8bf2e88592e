package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.ShellToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into POSIX shell tokens: single quotes, double quotes, backslash escapes
 * (so the {@code '\''} idiom works), operators, redirections and comments. Quote removal happens
 * here; parameters ({@code $name}, {@code ${name}}, {@code $1}, {@code $?}, {@code $!}, {@code $$})
 * and unquoted {@code *} and {@code ?} are kept as {@link ShellWord} markers for later.
 */
final class ShellLexer {

  private final String input;
  private final List<ShellToken> tokens = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;
  private boolean wordQuoted;
  private int pos;

  private ShellLexer(String input) {
    this.input = input;
  }

  static List<ShellToken> tokenize(String input) throws ShellSyntaxException {
    ShellLexer lexer = new ShellLexer(input);
    lexer.run();
    return lexer.tokens;
  }

  private void run() throws ShellSyntaxException {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      switch (c) {
        case ' ', '\t', '\r' -> {
          endWord();
          pos++;
        }
        case '\n' -> {
          endWord();
          tokens.add(ShellToken.of(Type.NEWLINE, "\n"));
          pos++;
        }
        case '\'' -> singleQuoted();
        case '"' -> doubleQuoted();
        case '\\' -> escaped();
        case '#' -> {
          if (inWord) {
            append(c);
          } else {
            skipComment();
          }
        }
        case ';', '&', '|', '(', ')' -> operator(c);
        case '<', '>' -> redirect(c);
        case '$' -> parameter(ShellWord.UNQUOTED_PARAMETER);
        case '*' -> appendMarker(ShellWord.ANY_STRING);
        case '?' -> appendMarker(ShellWord.ANY_CHAR);
        default -> append(c);
      }
    }
    endWord();
    tokens.add(ShellToken.of(Type.EOF, ""));
  }

  private void append(char c) {
    inWord = true;
    word.append(c);
    pos++;
  }

  private void appendMarker(char marker) {
    inWord = true;
    word.append(marker);
    pos++;
  }

  /** {@code $name}, {@code ${name}}, or one of the special parameters; a lone $ is literal. */
  private void parameter(char marker) throws ShellSyntaxException {
    int start = pos + 1;
    String name;
    int end;
    if (start < input.length() && input.charAt(start) == '{') {
      end = input.indexOf('}', start);
      if (end < 0) {
        throw new ShellSyntaxException("Missing '}'");
      }
      name = input.substring(start + 1, end);
      end++;
    } else if (start < input.length() && "?!$#0123456789".indexOf(input.charAt(start)) >= 0) {
      name = input.substring(start, start + 1);
      end = start + 1;
    } else {
      end = start;
      while (end < input.length()
          && (Character.isLetterOrDigit(input.charAt(end)) || input.charAt(end) == '_')) {
        end++;
      }
      name = input.substring(start, end);
    }
    inWord = true;
    if (name.isEmpty()) {
      word.append('$');
      pos = start;
      return;
    }
    if (marker == ShellWord.QUOTED_PARAMETER) {
      wordQuoted = true;
    }
    word.append(marker).append(name).append(ShellWord.PARAMETER_END);
    pos = end;
  }

  private void singleQuoted() throws ShellSyntaxException {
    int end = input.indexOf('\'', pos + 1);
    if (end < 0) {
      throw new ShellSyntaxException("Unterminated quoted string");
    }
    inWord = true;
    wordQuoted = true;
    word.append(input, pos + 1, end);
    pos = end + 1;
  }

  private void doubleQuoted() throws ShellSyntaxException {
    inWord = true;
    wordQuoted = true;
    pos++;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '$') {
        parameter(ShellWord.QUOTED_PARAMETER);
        continue;
      }
      if (c == '\\' && pos + 1 < input.length() && "$`\"\\\n".indexOf(input.charAt(pos + 1)) >= 0) {
        if (input.charAt(pos + 1) != '\n') {
          word.append(input.charAt(pos + 1));
        }
        pos += 2;
      } else {
        word.append(c);
        pos++;
      }
    }
    throw new ShellSyntaxException("Unterminated quoted string");
  }

  private void escaped() {
    if (pos + 1 >= input.length()) {
      append('\\');
      return;
    }
    char next = input.charAt(pos + 1);
    pos += 2;
    if (next != '\n') { // backslash-newline is a line continuation
      inWord = true;
      wordQuoted = true;
      word.append(next);
    }
  }

  private void skipComment() {
    while (pos < input.length() && input.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void operator(char c) {
    endWord();
    boolean doubled = pos + 1 < input.length() && input.charAt(pos + 1) == c;
    switch (c) {
      case ';' ->
          tokens.add(doubled ? ShellToken.of(Type.DSEMI, ";;") : ShellToken.of(Type.SEMI, ";"));
      case '&' ->
          tokens.add(doubled ? ShellToken.of(Type.AND_IF, "&&") : ShellToken.of(Type.AMP, "&"));
      case '|' ->
          tokens.add(doubled ? ShellToken.of(Type.OR_IF, "||") : ShellToken.of(Type.PIPE, "|"));
      case '(' -> tokens.add(ShellToken.of(Type.LPAREN, "("));
      default -> tokens.add(ShellToken.of(Type.RPAREN, ")"));
    }
    pos += (doubled && c != '(' && c != ')') ? 2 : 1;
  }

  private void redirect(char c) {
    int fd = c == '<' ? 0 : 1;
    if (inWord && !wordQuoted && word.chars().allMatch(Character::isDigit)) {
      fd = Integer.parseInt(word.toString());
      resetWord();
    } else {
      endWord();
    }
    String op = String.valueOf(c);
    pos++;
    if (pos < input.length()
        && (input.charAt(pos) == '&' || (c == '>' && input.charAt(pos) == '>'))) {
      op += input.charAt(pos);
      pos++;
    }
    tokens.add(new ShellToken(Type.REDIRECT, op, fd, false));
  }

  private void endWord() {
    if (inWord) {
      tokens.add(new ShellToken(Type.WORD, word.toString(), -1, wordQuoted));
    }
    resetWord();
  }

  private void resetWord() {
    word.setLength(0);
    inWord = false;
    wordQuoted = false;
  }
}
