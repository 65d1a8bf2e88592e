package dev.ec2migrator.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %inertEx}: the event's stack trace, one line per frame as usual, with each line made inert
 * ({@link InertText}): an exception message that quotes a hostile value stays on its own line. It
 * ends with a line break; nothing when the event has no throwable.
 */
@Plugin(name = "InertThrowableConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"inertEx"})
public final class InertThrowableConverter extends LogEventPatternConverter {
  private static final InertThrowableConverter INSTANCE = new InertThrowableConverter();

  private InertThrowableConverter() {
    super("InertThrowable", "throwable");
  }

  /** Log4j's factory for the converter. */
  public static InertThrowableConverter newInstance(String[] options) {
    return INSTANCE;
  }

  @Override
  public boolean handlesThrowable() {
    return true; // so the layout does not append its own, unescaped, stack trace
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    Throwable thrown = event.getThrown();
    if (thrown != null) {
      StringWriter text = new StringWriter();
      thrown.printStackTrace(new LineEscapingWriter(text));
      toAppendTo.append(text);
    }
  }

  /**
   * Throwable.printStackTrace writes each header ("Caused by: x: message") and each frame with one
   * println: escaping what one println prints keeps the frames apart and a message on one line.
   */
  private static final class LineEscapingWriter extends PrintWriter {
    LineEscapingWriter(StringWriter out) {
      super(out);
    }

    @Override
    public void println(Object line) {
      println(String.valueOf(line));
    }

    @Override
    public void println(String line) {
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == '\t') {
        indent++; // the frames' own indentation ("\tat ...", "\t... 3 more")
      }
      write(line, 0, indent);
      write(InertText.escape(line.substring(indent)));
      write(System.lineSeparator());
    }
  }
}
