package dev.ec2migrator.security;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %inertMsg}: the log message made inert ({@link InertText}), so a value quoted in it (an
 * instance id from a list, a tag, a host's answer) cannot forge a log line. A message that spans
 * lines is written on one line, its line breaks shown as {@code \n}.
 */
@Plugin(name = "InertMessageConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"inertMsg"})
public final class InertMessageConverter extends LogEventPatternConverter {
  private static final InertMessageConverter INSTANCE = new InertMessageConverter();

  private InertMessageConverter() {
    super("InertMessage", "message");
  }

  /** Log4j's factory for the converter. */
  public static InertMessageConverter newInstance(String[] options) {
    return INSTANCE;
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    InertText.escapeTo(event.getMessage().getFormattedMessage(), toAppendTo);
  }
}
