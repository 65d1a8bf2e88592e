package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.ShellNode.Case;
import dev.ec2migrator.demo.ssh.ShellNode.CaseItem;
import dev.ec2migrator.demo.ssh.ShellNode.Conditional;
import dev.ec2migrator.demo.ssh.ShellNode.FunctionDefinition;
import dev.ec2migrator.demo.ssh.ShellNode.Group;
import dev.ec2migrator.demo.ssh.ShellNode.If;
import dev.ec2migrator.demo.ssh.ShellNode.Job;
import dev.ec2migrator.demo.ssh.ShellNode.Redirect;
import dev.ec2migrator.demo.ssh.ShellNode.Sequence;
import dev.ec2migrator.demo.ssh.ShellNode.SimpleCommand;
import dev.ec2migrator.demo.ssh.ShellNode.Subshell;
import dev.ec2migrator.demo.ssh.ShellNode.While;
import dev.ec2migrator.demo.ssh.ShellToken.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the subset of the POSIX shell grammar the simulator runs: lists
 * ({@code ; & newline}), and-or lists ({@code && ||}), subshells, brace groups, {@code if}, {@code
 * while}, {@code case}, function definitions and simple commands with redirections. Pipelines are
 * not simulated.
 */
final class ShellParser {

  /** Reserved words that end a list. */
  private static final Set<String> LIST_END =
      Set.of("then", "else", "elif", "fi", "do", "done", "esac", "}");

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
    while (startsCommand()) {
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
    ShellToken token = tokens.get(pos);
    if (token.type() == Type.LPAREN) {
      pos++;
      Sequence body = list();
      if (body.jobs().isEmpty() || peek() != Type.RPAREN) {
        throw unexpected(tokens.get(pos));
      }
      pos++;
      return new Subshell(body, redirects());
    }
    if (token.isReserved("{")) {
      pos++;
      Sequence body = nonEmptyList();
      expect("}");
      return new Group(body, redirects());
    }
    if (token.isReserved("if")) {
      pos++;
      return ifRest();
    }
    if (token.isReserved("while")) {
      pos++;
      Sequence condition = nonEmptyList();
      expect("do");
      Sequence body = nonEmptyList();
      expect("done");
      return new While(condition, body, redirects());
    }
    if (token.isReserved("case")) {
      pos++;
      return caseRest();
    }
    if (token.type() == Type.WORD
        && !token.quoted()
        && token.text().matches("[A-Za-z_][A-Za-z0-9_]*")
        && pos + 2 < tokens.size()
        && tokens.get(pos + 1).type() == Type.LPAREN
        && tokens.get(pos + 2).type() == Type.RPAREN) {
      pos += 3;
      skipNewlines();
      return new FunctionDefinition(token.text(), command());
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

  /** After {@code if} (or {@code elif}). */
  private If ifRest() throws ShellSyntaxException {
    Sequence condition = nonEmptyList();
    expect("then");
    Sequence body = nonEmptyList();
    ShellNode otherwise = null;
    if (tokens.get(pos).isReserved("elif")) {
      pos++;
      If elif = ifRest();
      return new If(condition, body, elif, elif.redirects());
    }
    if (tokens.get(pos).isReserved("else")) {
      pos++;
      otherwise = nonEmptyList();
    }
    expect("fi");
    return new If(condition, body, otherwise, redirects());
  }

  private Case caseRest() throws ShellSyntaxException {
    if (peek() != Type.WORD) {
      throw unexpected(tokens.get(pos));
    }
    String subject = next().text();
    skipNewlines();
    expect("in");
    skipNewlines();
    List<CaseItem> items = new ArrayList<>();
    while (!tokens.get(pos).isReserved("esac")) {
      if (peek() == Type.LPAREN) {
        pos++;
      }
      List<String> patterns = new ArrayList<>();
      do {
        if (peek() != Type.WORD) {
          throw unexpected(tokens.get(pos));
        }
        patterns.add(next().text());
      } while (peek() == Type.PIPE && next() != null);
      if (peek() != Type.RPAREN) {
        throw unexpected(tokens.get(pos));
      }
      pos++;
      items.add(new CaseItem(List.copyOf(patterns), list()));
      if (peek() == Type.DSEMI) {
        pos++;
        skipNewlines();
      } else if (!tokens.get(pos).isReserved("esac")) {
        throw unexpected(tokens.get(pos));
      }
    }
    pos++;
    return new Case(subject, List.copyOf(items), redirects());
  }

  private Sequence nonEmptyList() throws ShellSyntaxException {
    Sequence list = list();
    if (list.jobs().isEmpty()) {
      throw unexpected(tokens.get(pos));
    }
    return list;
  }

  private void expect(String reserved) throws ShellSyntaxException {
    if (!tokens.get(pos).isReserved(reserved)) {
      throw unexpected(tokens.get(pos));
    }
    pos++;
  }

  private List<Redirect> redirects() throws ShellSyntaxException {
    List<Redirect> redirects = new ArrayList<>();
    while (peek() == Type.REDIRECT) {
      redirects.add(redirect());
    }
    return List.copyOf(redirects);
  }

  private Redirect redirect() throws ShellSyntaxException {
    ShellToken op = next();
    if (peek() != Type.WORD) {
      throw unexpected(tokens.get(pos));
    }
    return new Redirect(op.fd(), op.text(), next().text());
  }

  private boolean startsCommand() {
    ShellToken token = tokens.get(pos);
    if (token.type() == Type.WORD) {
      return token.quoted() || !LIST_END.contains(token.text());
    }
    return token.type() == Type.REDIRECT || token.type() == Type.LPAREN;
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
