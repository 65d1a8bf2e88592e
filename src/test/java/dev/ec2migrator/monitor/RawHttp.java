package dev.ec2migrator.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.0 over a plain socket to 127.0.0.1, so a test can send any Host and Origin header (the JDK
 * clients refuse to set Host). HTTP/1.0: the server closes the connection and sends no chunks.
 */
final class RawHttp {
  record Answer(int status, String body) {}

  private RawHttp() {}

  /**
   * @param headers sent as given, in order; Host too (none is added)
   */
  static Answer send(
      int port, String method, String path, Map<String, String> headers, String body) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      request.append("Content-Length: ").append(payload.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/") || end < 0) {
        throw new IllegalStateException("not an HTTP answer: " + text);
      }
      int status = Integer.parseInt(text.substring(9, 12));
      return new Answer(status, text.substring(end + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
