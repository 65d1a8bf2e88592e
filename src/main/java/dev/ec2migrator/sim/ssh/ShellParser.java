package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.ShellNode.Conditional;
import dev.ec2migrator.sim.ssh.ShellNode.Job;
import dev.ec2migrator.sim.ssh.ShellNode.Redirect;
import dev.ec2migrator.sim.ssh.ShellNode.Sequence;
import dev.ec2migrator.sim.ssh.ShellNode.SimpleCommand;
import dev.ec2migrator.sim.ssh.ShellNode.Subshell;
import dev.ec2migrator.sim.ssh.ShellToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the subset of the POSIX shell grammar the simulator runs: lists
 * ({@code ; & newline}), and-or lists ({@code && ||}), subshells and simple commands with
 * redirections. Pipelines are not simulated.
 */
final class ShellParser {

  private final List<ShellToken> tokens;
  private int pos;

  private ShellParser(List<ShellToken> tokens) {
    this.tokens = tokens;
  }

  static Sequence parse(String commandLine) throws ShellSyntaxException {
    ShellParser parser = new ShellParser(ShellLexer.tokenize(commandLine));
    Sequence script = parser.list();
    if (parser.peek() != Type.EOF) {
      throw unexpected(parser.tokens.get(parser.pos));
    }
    return script;
  }

  private Sequence list() throws ShellSyntaxException {
    List<Job> jobs = new ArrayList<>();
    skipNewlines();
    while (startsCommand(peek())) {
      ShellNode node = andOr();
      boolean background = peek() == Type.AMP;
      jobs.add(new Job(node, background));
      if (peek() == Type.AMP || peek() == Type.SEMI || peek() == Type.NEWLINE) {
        pos++;
        skipNewlines();
      } else {
        break;
      }
    }
    return new Sequence(List.copyOf(jobs));
  }

  private ShellNode andOr() throws ShellSyntaxException {
    ShellNode node = command();
    while (peek() == Type.AND_IF || peek() == Type.OR_IF) {
      boolean andIf = next().type() == Type.AND_IF;
      skipNewlines();
      node = new Conditional(node, andIf, command());
    }
    if (peek() == Type.PIPE) {
      throw new ShellSyntaxException("pipelines are not simulated");
    }
    return node;
  }

  private ShellNode command() throws ShellSyntaxException {
    if (peek() == Type.LPAREN) {
      pos++;
      Sequence body = list();
      if (body.jobs().isEmpty() || peek() != Type.RPAREN) {
        throw unexpected(tokens.get(pos));
      }
      pos++;
      List<Redirect> redirects = new ArrayList<>();
      while (peek() == Type.REDIRECT) {
        redirects.add(redirect());
      }
      return new Subshell(body, List.copyOf(redirects));
    }
    List<String> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (peek() == Type.WORD || peek() == Type.REDIRECT) {
      if (peek() == Type.WORD) {
        words.add(next().text());
      } else {
        redirects.add(redirect());
      }
    }
    if (words.isEmpty() && redirects.isEmpty()) {
      throw unexpected(tokens.get(pos));
    }
    return new SimpleCommand(List.copyOf(words), List.copyOf(redirects));
  }

  private Redirect redirect() throws ShellSyntaxException {
    ShellToken op = next();
    if (peek() != Type.WORD) {
      throw unexpected(tokens.get(pos));
    }
    return new Redirect(op.fd(), op.text(), next().text());
  }

  private static boolean startsCommand(Type type) {
    return type == Type.WORD || type == Type.REDIRECT || type == Type.LPAREN;
  }

  private void skipNewlines() {
    while (peek() == Type.NEWLINE) {
      pos++;
    }
  }

  private Type peek() {
    return tokens.get(pos).type();
  }

  private ShellToken next() {
    return tokens.get(pos++);
  }

  private static ShellSyntaxException unexpected(ShellToken token) {
    return token.type() == Type.EOF
        ? new ShellSyntaxException("end of file unexpected")
        : new ShellSyntaxException("\"" + token.text().strip() + "\" unexpected");
  }
}
