package dev.ec2migrator.realhost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP pass-through on 127.0.0.1 (a free port) in front of an EC2 endpoint, for tests that look
 * at the world outside the simulator at the moments one action reaches it and answers: {@link
 * Observer#arrived} runs before a call of the watched action is passed on, {@link
 * Observer#answering} once the endpoint's answer is back and before the client gets it. Every other
 * call passes straight through.
 */
final class Ec2CallWatch implements AutoCloseable {
  /** What a test does at the two moments of a watched call, with the call's form parameters. */
  interface Observer {
    void arrived(Map<String, String> parameters);

    void answering(Map<String, String> parameters);
  }

  // the JDK's HttpClient sets these itself and refuses them as request headers
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final URI target;
  private final String action;
  private final Observer observer;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Ec2CallWatch(URI target, String action, Observer observer) throws IOException {
    this.target = target;
    this.action = action;
    this.observer = observer;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
  }

  static Ec2CallWatch start(URI target, String action, Observer observer) throws IOException {
    Ec2CallWatch watch = new Ec2CallWatch(target, action, observer);
    watch.server.start();
    return watch;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> parameters = form(new String(body, StandardCharsets.UTF_8));
      // the preflight's DryRun of the action creates nothing and is passed on unwatched
      boolean watched =
          action.equals(parameters.get("Action")) && !"true".equals(parameters.get("DryRun"));
      if (watched) {
        observer.arrived(parameters);
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while passing on " + parameters.get("Action"), e);
      }
      if (watched) {
        observer.answering(parameters);
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())
                    && !name.equalsIgnoreCase("transfer-encoding")
                    && !name.equals(":status")) {
                  exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      exchange.sendResponseHeaders(response.statusCode(), response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        parameters.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
