package dev.ec2migrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * The shipped logging configuration (src/main/resources/log4j2.properties, the one this JVM runs
 * with): its console layout writes one line per event whatever the message or the exception holds,
 * and its configuration-wide filter denies the loggers that print credentials at any level.
 */
class InertLogLinesTest {
  private static final String FORGED =
      "12:00:00.000 INFO  [main] MigrateCommand - Run x: 9 migrated";
  private static final String HOSTILE =
      "ec2-user\n" + FORGED + "\r\n\u001b[1A\u001b[2K" + FORGED + "\u0085\u2028\u202e" + FORGED;

  private final Configuration config =
      ((LoggerContext) LogManager.getContext(false)).getConfiguration();

  @Test
  void aHostileMessageOrExceptionStaysOnItsOwnLines() {
    Appender console = config.getAppender("out");
    assertThat(console).as("the shipped configuration is loaded").isNotNull();
    Layout<?> layout = console.getLayout();
    Exception cause = new IllegalStateException("host said:\n" + FORGED + "\u001b]0;title\u0007");
    Log4jLogEvent event =
        Log4jLogEvent.newBuilder()
            .setLoggerName("dev.ec2migrator.run")
            .setLevel(Level.ERROR)
            .setMessage(new SimpleMessage("ssh user '" + HOSTILE + "' is not valid"))
            .setThrown(new RuntimeException("quiesce failed: " + HOSTILE, cause))
            .build();
    String text = new String(layout.toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();

    assertThat(lines.get(0))
        .endsWith(
            "ssh user 'ec2-user\\n"
                + FORGED
                + "\\r\\n\\u001B[1A\\u001B[2K"
                + FORGED
                + "\\u0085\\u2028\\u202E"
                + FORGED
                + "' is not valid");
    assertThat(lines.get(1)).startsWith("java.lang.RuntimeException: quiesce failed: ec2-user\\n");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("\tat dev.ec2migrator.security."));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .isEqualTo(
                        "Caused by: java.lang.IllegalStateException: host said:\\n"
                            + FORGED
                            + "\\u001B]0;title\\u0007"));
    assertThat(lines).noneMatch(l -> l.startsWith(FORGED));
    assertThat(text.replace(System.lineSeparator(), "\n").replace("\t", ""))
        .as("no control character but the line ends and the frames' tabs")
        .doesNotContainPattern("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e]");
  }

  @Test
  void theLoggersThatPrintCredentialsAreDeniedAtEveryLevel() {
    Filter filter = config.getFilter();
    assertThat(filter).as("a configuration-wide filter").isNotNull();
    for (String logger :
        List.of(
            "org.apache.http.wire",
            "org.apache.http.headers",
            "software.amazon.awssdk.request",
            "software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
            "software.amazon.awssdk.utils.uri.SdkUri")) {
      for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.ERROR)) {
        assertThat(filter.filter(event(logger, level))).as(logger).isEqualTo(Filter.Result.DENY);
      }
      org.apache.logging.log4j.core.config.Configurator.setLevel(logger, Level.TRACE);
      assertThat(LogManager.getLogger(logger).isTraceEnabled()).as(logger).isFalse();
      assertThat(LogManager.getLogger(logger).isErrorEnabled()).as(logger).isFalse();
    }
    // near names stay with their levels
    for (String logger :
        List.of("org.apache.http.impl.conn", "org.apache.http.wirex", "software.amazon.awssdk")) {
      assertThat(filter.filter(event(logger, Level.INFO))).isEqualTo(Filter.Result.NEUTRAL);
    }
  }

  private static Log4jLogEvent event(String logger, Level level) {
    return Log4jLogEvent.newBuilder()
        .setLoggerName(logger)
        .setLevel(level)
        .setMessage(new SimpleMessage("Authorization: AWS4-HMAC-SHA256 ..."))
        .build();
  }
}
