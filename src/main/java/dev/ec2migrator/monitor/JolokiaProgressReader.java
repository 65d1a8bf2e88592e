package dev.ec2migrator.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Reads a running migrator's progress over its Jolokia endpoint (as curl would): every attribute of
 * a run's MigrationProgress MBean, and its instance table.
 */
public final class JolokiaProgressReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http;
  private final Duration timeout;

  /** Why no progress could be read: nothing answered, or the run is not known there. */
  public static final class ProgressUnavailableException extends Exception {
    private final boolean unknownRun;

    ProgressUnavailableException(String message, boolean unknownRun, Throwable cause) {
      super(message, cause);
      this.unknownRun = unknownRun;
    }

    public boolean unknownRun() {
      return unknownRun;
    }
  }

  public JolokiaProgressReader(String host, int port, Duration timeout) {
    this.endpoint = URI.create("http://" + hostPart(host) + ":" + port + "/observe/jolokia");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Every attribute of the run's MBean ({@code all}: every run of the service). */
  public JsonNode attributes(String runId) throws ProgressUnavailableException {
    return call(Map.of("type", "read", "mbean", ProgressMBeans.name(runId).toString()), runId);
  }

  /** The instanceTable() text of the run's MBean. */
  public String instanceTable(String runId) throws ProgressUnavailableException {
    return call(
            Map.of(
                "type",
                "exec",
                "mbean",
                ProgressMBeans.name(runId).toString(),
                "operation",
                "instanceTable"),
            runId)
        .asText();
  }

  private JsonNode call(Map<String, Object> request, String runId)
      throws ProgressUnavailableException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ProgressUnavailableException(
          "no migrator answers at " + endpoint + " (" + e + ")", false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProgressUnavailableException("interrupted", false, e);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ProgressUnavailableException(
          endpoint + " answered HTTP " + response.statusCode() + ", not Jolokia JSON", false, e);
    }
    int status = answer.path("status").asInt(response.statusCode());
    if (status == 404 || answer.path("error_type").asText().endsWith("InstanceNotFoundException")) {
      throw new ProgressUnavailableException(
          "no run " + runId + " at " + endpoint + " (the service knows the runs it ran)",
          true,
          null);
    }
    if (status != 200) {
      throw new ProgressUnavailableException(
          endpoint + " refused the read (status " + status + "): " + answer.path("error").asText(),
          false,
          null);
    }
    return answer.path("value");
  }

  private static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
