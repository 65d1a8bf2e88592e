package dev.ec2migrator.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An instance list's bytes as text: UTF-8 only, no NUL byte, a leading byte order mark dropped. */
final class ListText {
  private ListText() {}

  static String decode(byte[] content, String sourceName) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == 0) {
        throw invalid(sourceName, "line " + lineOf(content, i) + ": binary content (NUL byte)");
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw invalid(sourceName, "the file is not UTF-8 text (binary content?)");
    }
  }

  /** The text's lines, numbered from 1 by their index plus one; CRLF and LF both end a line. */
  static String[] lines(String text) {
    return text.split("\r?\n", -1);
  }

  /** A line that is neither blank nor a '#' comment. */
  static boolean isData(String line) {
    String trimmed = line.strip();
    return !trimmed.isEmpty() && !trimmed.startsWith("#");
  }

  /** The first data line, stripped; null when the text has none. */
  static String firstDataLine(String text) {
    for (String line : lines(text)) {
      if (isData(line)) {
        return line.strip();
      }
    }
    return null;
  }

  static InvalidInstanceListException invalid(String sourceName, String problem) {
    return new InvalidInstanceListException(sourceName, List.of(problem));
  }

  private static int lineOf(byte[] content, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (content[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
