package dev.ec2migrator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A command run as an operator runs it, for a test: what it prints to stdout and stderr is
 * captured, and the system properties the test sets (they override config/application.properties,
 * as -D does) are cleared after each test.
 */
public final class CommandConsole implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Set<String> properties = new LinkedHashSet<>();
  private PrintStream stdout;
  private PrintStream stderr;

  @Override
  public void beforeEach(ExtensionContext context) {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(stdout);
    System.setErr(stderr);
    properties.forEach(System::clearProperty);
    properties.clear();
  }

  /** Sets a system property for this test only. */
  public void property(String key, String value) {
    properties.add(key);
    System.setProperty(key, value);
  }

  /** Clears a system property this test set. */
  public void clear(String key) {
    System.clearProperty(key);
  }

  public String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed to stdout so far (a test that runs several commands). */
  public void resetOut() {
    out.reset();
  }

  /** Forgets what was printed to stderr so far (a test that runs several commands). */
  public void resetErr() {
    err.reset();
  }
}
