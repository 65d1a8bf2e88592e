package dev.ec2migrator.demo.ec2;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The HTTP side of an AWS Query API call, the same for every simulated service. */
public final class QueryHttp {
  private QueryHttp() {}

  /** The form body, or empty when it is over {@code maxBytes} (each service names that error). */
  public static Optional<String> readBody(HttpExchange exchange, int maxBytes) throws IOException {
    byte[] bytes = exchange.getRequestBody().readNBytes(maxBytes + 1);
    return bytes.length > maxBytes
        ? Optional.empty()
        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /** An XML answer with the request id AWS SDKs log. */
  public static void send(HttpExchange exchange, int status, String xml, String requestId)
      throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
