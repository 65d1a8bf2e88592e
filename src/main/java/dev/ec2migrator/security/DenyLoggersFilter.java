package dev.ec2migrator.security;

import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;

/**
 * Denies every event of the named loggers (and their children), whatever level they or the root are
 * set to. As a configuration-wide filter it is asked before any level: the HTTP wire and header
 * loggers and the SDK's signer and request loggers print credentials, session tokens and presigned
 * URLs, and no level an operator sets may bring them back.
 */
@Plugin(
    name = "DenyLoggers",
    category = Node.CATEGORY,
    elementType = Filter.ELEMENT_TYPE,
    printObject = true)
public final class DenyLoggersFilter extends AbstractFilter {
  private final List<String> prefixes;

  private DenyLoggersFilter(List<String> names) {
    super(Result.DENY, Result.NEUTRAL);
    this.prefixes = names;
  }

  /**
   * @param loggers comma-separated logger names; each also denies the loggers below it
   * @param onMatch ignored (Log4j's properties format passes it to every filter): always DENY
   * @param onMismatch ignored: always NEUTRAL, the levels decide
   */
  @PluginFactory
  public static DenyLoggersFilter createFilter(
      @PluginAttribute("loggers") String loggers,
      @PluginAttribute("onMatch") String onMatch,
      @PluginAttribute("onMismatch") String onMismatch) {
    if (loggers == null || loggers.isBlank()) {
      throw new IllegalArgumentException("DenyLoggers needs the loggers attribute");
    }
    return new DenyLoggersFilter(
        Arrays.stream(loggers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  boolean denies(String logger) {
    if (logger == null) {
      return false;
    }
    for (String prefix : prefixes) {
      if (logger.startsWith(prefix)
          && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  private Result of(Logger logger) {
    return denies(logger.getName()) ? onMatch : onMismatch;
  }

  @Override
  public Result filter(LogEvent event) {
    return denies(event.getLoggerName()) ? onMatch : onMismatch;
  }

  @Override
  public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
    return of(logger);
  }

  @Override
  public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
    return of(logger);
  }

  @Override
  public Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
    return of(logger);
  }

  @Override
  public String toString() {
    return "DenyLoggers" + prefixes;
  }
}
