package dev.ec2migrator.demo.kms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ec2migrator.demo.ec2.Ec2Simulator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * KMS (JSON 1.1, {@code X-Amz-Target: TrentService.<Action>}) on the EC2 simulator's endpoint, for
 * requests signed for "kms": DescribeKey of the demo keys of each region ({@link DemoKeys}). Calls
 * are counted per region and action.
 */
public final class KmsSimulator implements HttpHandler {
  private static final Pattern REGION_SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/kms/aws4_request");
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final DemoKeys keys;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  private KmsSimulator(DemoKeys keys) {
    this.keys = keys;
  }

  /** Serves KMS on {@code ec2}'s endpoint from now on, with the account of that simulator. */
  public static KmsSimulator attach(Ec2Simulator ec2) {
    KmsSimulator kms = new KmsSimulator(new DemoKeys(ec2.settings().ownerId()));
    ec2.addService("kms", kms);
    return kms;
  }

  public DemoKeys keys() {
    return keys;
  }

  /** Calls per "region/Action" so far (every call, answered or refused). */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher scope = auth == null ? null : REGION_SCOPE.matcher(auth);
      if (scope == null || !scope.find()) {
        send(exchange, 400, error("MissingAuthenticationTokenException", "Missing or bad SigV4"));
        return;
      }
      String region = scope.group(1);
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String action = target.startsWith("TrentService.") ? target.substring(13) : target;
      calls.computeIfAbsent(region + "/" + action, k -> new LongAdder()).increment();
      byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        send(exchange, 413, error("ValidationException", "Request body too large"));
        return;
      }
      if (!action.equals("DescribeKey")) {
        send(exchange, 400, error("UnknownOperationException", "Not simulated: " + target));
        return;
      }
      Object parsed;
      try {
        parsed = Jsoner.deserialize(new String(body, StandardCharsets.UTF_8), (JsonObject) null);
      } catch (RuntimeException e) {
        parsed = null;
      }
      Object keyId = parsed instanceof JsonObject o ? o.get("KeyId") : null;
      if (!(keyId instanceof String id) || id.isEmpty()) {
        send(exchange, 400, error("ValidationException", "KeyId is required"));
        return;
      }
      DemoKeys.Key key = keys.find(region, id);
      if (key == null) {
        send(exchange, 400, error("NotFoundException", "Key '" + id + "' does not exist"));
        return;
      }
      JsonObject meta = new JsonObject();
      meta.put("AWSAccountId", keys.accountId());
      meta.put("KeyId", key.keyId());
      meta.put("Arn", key.arn());
      meta.put("CreationDate", 1.4e9);
      meta.put("Enabled", key.state().equals("Enabled"));
      meta.put("Description", key.description());
      meta.put("KeyUsage", key.usage());
      meta.put("KeyState", key.state());
      meta.put("Origin", "AWS_KMS");
      meta.put("KeyManager", key.awsManaged() ? "AWS" : "CUSTOMER");
      meta.put("KeySpec", key.spec());
      meta.put("CustomerMasterKeySpec", key.spec());
      meta.put("MultiRegion", false);
      JsonObject answer = new JsonObject();
      answer.put("KeyMetadata", meta);
      send(exchange, 200, answer.toJson());
    }
  }

  private static String error(String type, String message) {
    JsonObject e = new JsonObject();
    e.put("__type", type);
    e.put("message", message);
    return e.toJson();
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
