package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Builds EC2 response XML; null values are left out, like EC2 does. */
public final class XmlWriter {
  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private final StringBuilder out = new StringBuilder(1024);

  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  public XmlWriter end(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  public XmlWriter element(String name, Object value) {
    if (value != null) {
      start(name);
      text(value.toString());
      end(name);
    }
    return this;
  }

  public XmlWriter element(String name, Instant value) {
    return value == null ? this : element(name, value.truncatedTo(ChronoUnit.MILLIS).toString());
  }

  public XmlWriter tagSet(Map<String, String> tags) {
    start("tagSet");
    tags.forEach((k, v) -> start("item").element("key", k).element("value", v).end("item"));
    return end("tagSet");
  }

  public XmlWriter text(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        // a raw CR would be normalised to LF by the XML parser
        case '\r' -> out.append("&#13;");
        case '\t', '\n' -> out.append(c);
        // XML 1.0 cannot carry other control characters at all
        default -> out.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
      }
    }
    return this;
  }

  public String toXml() {
    return out.toString();
  }

  static String response(String action, String requestId, XmlWriter body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
        + action
        + "Response xmlns=\""
        + NAMESPACE
        + "\"><requestId>"
        + requestId
        + "</requestId>"
        + body.toXml()
        + "</"
        + action
        + "Response>";
  }

  static String error(String code, String message, String requestId) {
    XmlWriter w = new XmlWriter();
    w.start("Response").start("Errors").start("Error");
    w.element("Code", code).element("Message", message);
    w.end("Error").end("Errors").element("RequestID", requestId).end("Response");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + w.toXml();
  }
}
