package dev.ec2migrator.demo.cfn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ec2migrator.demo.ec2.Ec2Exception;
import dev.ec2migrator.demo.ec2.QueryHttp;
import dev.ec2migrator.demo.ec2.QueryRequest;
import dev.ec2migrator.demo.ec2.XmlWriter;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one CloudFormation Query API call (version 2010-05-15): region from the SigV4 credential
 * scope, counters, then the action. Answers are {@code <XResponse><XResult>...} with {@code
 * <member>} list items; errors are {@code <ErrorResponse>}. Signatures are not verified.
 */
final class CloudFormationHttpHandler implements HttpHandler {
  static final String API_VERSION = "2010-05-15";
  static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/cloudformation/aws4_request");
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final CloudFormationApi api;
  private final CloudFormationCounters counters;

  CloudFormationHttpHandler(CloudFormationApi api, CloudFormationCounters counters) {
    this.api = api;
    this.counters = counters;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      String region = null;
      String action = null;
      try {
        String form =
            QueryHttp.readBody(exchange, MAX_BODY_BYTES)
                .orElseThrow(() -> CfnException.validation("Request body too large"));
        QueryRequest req = QueryRequest.parse(exchange.getRequestURI().getRawQuery(), form);
        region = region(exchange);
        action = req.get("Action");
        if (action == null || action.isEmpty()) {
          throw new CfnException("MissingAction", "Action is required", 400);
        }
        counters.recordCall(region, action);
        if (!API_VERSION.equals(req.get("Version"))) {
          throw new CfnException(
              "InvalidParameterValue",
              "Invalid API version "
                  + req.get("Version")
                  + " (this simulator speaks "
                  + API_VERSION
                  + ")",
              400);
        }
        XmlWriter body = new XmlWriter();
        api.serve(action, region, req, body);
        QueryHttp.send(exchange, 200, response(action, body, requestId), requestId);
      } catch (CfnException e) {
        count(region, action, e.code());
        QueryHttp.send(
            exchange, e.httpStatus(), error(e.code(), e.getMessage(), requestId), requestId);
      } catch (Ec2Exception e) {
        count(region, action, "ValidationError");
        QueryHttp.send(
            exchange, 400, error("ValidationError", e.getMessage(), requestId), requestId);
      } catch (RuntimeException e) {
        count(region, action, "InternalFailure");
        QueryHttp.send(
            exchange,
            500,
            error("InternalFailure", "Simulator failure: " + e, requestId),
            requestId);
      }
    }
  }

  private void count(String region, String action, String code) {
    if (region != null && action != null) {
      counters.recordError(region, action, code);
    }
  }

  private static String region(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = auth == null ? null : CREDENTIAL_SCOPE.matcher(auth);
    if (m == null || !m.find()) {
      throw new CfnException(
          "MissingAuthenticationToken", "Request is missing Authentication Token", 403);
    }
    return m.group(1);
  }

  private static String response(String action, XmlWriter body, String requestId) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
    if (CloudFormationApi.hasResult(action)) {
      xml.append('<').append(action).append("Result>").append(body.toXml());
      xml.append("</").append(action).append("Result>");
    }
    xml.append("<ResponseMetadata><RequestId>").append(requestId);
    xml.append("</RequestId></ResponseMetadata></").append(action).append("Response>");
    return xml.toString();
  }

  private static String error(String code, String message, String requestId) {
    XmlWriter w = new XmlWriter();
    w.start("Error").element("Type", "Sender").element("Code", code).element("Message", message);
    w.end("Error").element("RequestId", requestId);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\""
        + NAMESPACE
        + "\">"
        + w.toXml()
        + "</ErrorResponse>";
  }
}
