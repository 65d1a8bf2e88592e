package dev.ec2migrator.demo.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one EC2 Query API call: region from the SigV4 credential scope, counters, throttling,
 * injected faults and latency, DryRun, then the action. Signatures are not verified.
 */
final class Ec2HttpHandler implements HttpHandler {
  static final String API_VERSION = "2016-11-15";
  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/ec2/aws4_request");
  private static final Set<String> COMMON_PARAMETERS = Set.of("Action", "Version", "DryRun");
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final Ec2World world;
  private final Ec2Counters counters;
  private final RequestThrottler throttler;
  private final Map<String, Ec2Action> actions = new HashMap<>();

  Ec2HttpHandler(Ec2World world, Ec2Counters counters) {
    this.world = world;
    this.counters = counters;
    this.throttler = new RequestThrottler(world.settings);
    InstanceActions.register(actions);
    VolumeActions.register(actions);
    SnapshotActions.register(actions);
    CopySnapshotAction.register(actions);
    ImageActions.register(actions);
    DescribeImagesAction.register(actions);
    UefiActions.register(actions);
    TagActions.register(actions);
    RegionActions.register(actions);
    VpcActions.register(actions);
    RouteActions.register(actions);
    GatewayActions.register(actions);
    SecurityGroupActions.register(actions);
    LaunchActions.register(actions);
    PowerActions.register(actions);
    InstanceTypeOfferingActions.register(actions);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      try {
        String body =
            QueryHttp.readBody(exchange, MAX_BODY_BYTES)
                .orElseThrow(() -> Ec2Exception.invalidParameterValue("Request body too large"));
        QueryRequest request = QueryRequest.parse(exchange.getRequestURI().getRawQuery(), body);
        String region = regionOf(exchange);
        String actionName = request.get("Action");
        if (actionName == null || actionName.isEmpty()) {
          throw new Ec2Exception("MissingAction", "The request must contain the parameter Action");
        }
        String xml = serve(region, actionName, request, requestId);
        QueryHttp.send(exchange, 200, xml, requestId);
      } catch (ConnectionResetFault e) {
        // the server closes a connection whose handler throws, without sending anything
        throw new IOException(e.getMessage(), e);
      } catch (Ec2Exception e) {
        QueryHttp.send(
            exchange,
            e.httpStatus(),
            XmlWriter.error(e.code(), e.getMessage(), requestId),
            requestId);
      } catch (RuntimeException e) {
        QueryHttp.send(
            exchange,
            500,
            XmlWriter.error("InternalError", "Simulator failure: " + e, requestId),
            requestId);
      }
    }
  }

  private String serve(String region, String actionName, QueryRequest request, String requestId) {
    // a DryRun call is counted apart: it makes nothing (tests count what was made)
    boolean dryRun = "true".equalsIgnoreCase(request.get("DryRun"));
    if (!dryRun) {
      counters.recordCall(region, actionName);
    }
    try {
      // injected latency and errors stand for calls that make something, not for DryRun calls
      sleep(
          world
              .settings
              .defaultLatency()
              .plus(dryRun ? Duration.ZERO : world.faults.latency(actionName)));
      Ec2Action action = actions.get(actionName);
      if (action == null) {
        throw new Ec2Exception(
            "InvalidAction", "The action " + actionName + " is not valid for this web service.");
      }
      if (!API_VERSION.equals(request.get("Version"))) {
        throw new Ec2Exception(
            "NoSuchVersion",
            "An invalid API version was specified: "
                + request.get("Version")
                + " (this simulator speaks "
                + API_VERSION
                + ")");
      }
      checkParameters(action, request);
      throttler.admit(region, actionName);
      if (dryRun) {
        counters.recordDryRun(region, actionName);
      } else {
        world.faults.maybeFail(actionName);
      }
      // IAM comes before the DryRun answer: a denied caller hears UnauthorizedOperation either way
      if (world.faults.denied(actionName)) {
        throw new Ec2Exception(
            "UnauthorizedOperation", "You are not authorized to perform this operation.", 403);
      }
      if (request.flag("DryRun")) {
        throw new Ec2Exception(
            "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
      }
      XmlWriter body = new XmlWriter();
      CallContext ctx = new CallContext(region, world.region(region), world, world.now());
      action.handler().handle(request, ctx, body);
      world.faults.maybeLoseAnswer(actionName);
      return XmlWriter.response(actionName, requestId, body);
    } catch (Ec2Exception e) {
      if (e.code().equals("RequestLimitExceeded")) {
        counters.recordThrottled(region, actionName);
      } else if (!e.code().equals("DryRunOperation")) {
        counters.recordError(region, actionName, e.code());
      }
      throw e;
    } catch (ConnectionResetFault e) {
      counters.recordError(region, actionName, ConnectionResetFault.CODE);
      throw e;
    } catch (RuntimeException e) {
      counters.recordError(region, actionName, "InternalError");
      throw e;
    }
  }

  private static void checkParameters(Ec2Action action, QueryRequest request) {
    for (String key : request.all().keySet()) {
      int dot = key.indexOf('.');
      String top = dot < 0 ? key : key.substring(0, dot);
      if (!COMMON_PARAMETERS.contains(top) && !action.parameters().contains(top)) {
        throw new Ec2Exception("UnknownParameter", "The parameter " + key + " is not recognized");
      }
    }
  }

  private static String regionOf(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      throw new Ec2Exception(
          "MissingAuthenticationToken", "Request is missing Authentication Token", 401);
    }
    Matcher m = CREDENTIAL_SCOPE.matcher(auth);
    if (!m.find()) {
      throw new Ec2Exception(
          "AuthFailure", "AWS was not able to validate the provided access credentials", 401);
    }
    return m.group(1);
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ec2Exception("ServiceUnavailable", "Simulator shutting down", 503);
    }
  }
}
