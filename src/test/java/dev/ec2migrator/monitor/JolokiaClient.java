package dev.ec2migrator.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/** Plain HTTP to the management server on 127.0.0.1, as curl or a script would do it. */
final class JolokiaClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private final String jolokia;

  JolokiaClient(int port) {
    this("http://127.0.0.1:" + port, "http://127.0.0.1:" + port + "/observe/jolokia");
  }

  private JolokiaClient(String base, String jolokia) {
    this.base = base;
    this.jolokia = jolokia;
  }

  /** Jolokia at another address, e.g. through Hawtio's proxy. */
  static JolokiaClient at(String jolokiaUrl) {
    return new JolokiaClient(jolokiaUrl, jolokiaUrl);
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A Jolokia request as JSON (POST), e.g. {"type":"read","mbean":...}. */
  JsonObject post(Map<String, Object> request) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(jolokia))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Jsoner.serialize(request))));
    return json(response.body());
  }

  JsonObject read(String mbean) {
    return post(Map.of("type", "read", "mbean", mbean));
  }

  static JsonObject json(String body) {
    try {
      return (JsonObject) Jsoner.deserialize(body);
    } catch (Exception e) {
      throw new IllegalStateException("not a JSON object: " + body, e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
