package dev.ec2migrator.faults;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything logged (at DEBUG and above, with stack traces) while it is open. */
final class CapturedLog implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final Map<String, Level> levels = new HashMap<>();

  CapturedLog(String name) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder().withPattern("%p %c - %m%n%throwable").build(),
            null,
            text,
            name,
            false,
            true);
    appender.start();
    config.addAppender(appender);
    for (LoggerConfig logger : config.getLoggers().values()) {
      levels.put(logger.getName(), logger.getLevel());
      logger.addAppender(appender, Level.ALL, null);
      logger.setLevel(Level.DEBUG);
    }
    ctx.updateLoggers();
  }

  String text() {
    return text.toString();
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.removeAppender(appender.getName());
      if (levels.containsKey(logger.getName())) {
        logger.setLevel(levels.get(logger.getName()));
      }
    }
    ctx.updateLoggers();
    appender.stop();
  }
}
