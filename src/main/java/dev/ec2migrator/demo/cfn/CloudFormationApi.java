package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Provisioner;
import dev.ec2migrator.demo.ec2.QueryRequest;
import dev.ec2migrator.demo.ec2.XmlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The CloudFormation actions: create, update and delete a stack with their checks, validate a
 * template; the describes are {@link StackDescribes}.
 */
final class CloudFormationApi {
  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

  /** CloudFormation's limit on a TemplateBody, in bytes. */
  private static final int MAX_TEMPLATE_BODY = 51_200;

  private final Ec2Provisioner ec2;
  private final StackEngine engine;
  private final Stacks stacks = new Stacks();
  private final StackParameters stackParameters;
  private final StackDescribes describes = new StackDescribes(stacks);

  CloudFormationApi(Ec2Provisioner ec2, StackEngine engine) {
    this.ec2 = ec2;
    this.engine = engine;
    this.stackParameters = new StackParameters(ec2);
  }

  void serve(String action, String region, QueryRequest req, XmlWriter out) {
    switch (action) {
      case "CreateStack" -> createStack(region, req, out);
      case "UpdateStack" -> updateStack(region, req, out);
      case "DeleteStack" -> deleteStack(region, req);
      case "DescribeStacks" -> describes.describeStacks(region, req, out);
      case "DescribeStackEvents" -> describes.describeStackEvents(region, req, out);
      case "DescribeStackResources" -> describes.describeStackResources(region, req, out);
      case "ValidateTemplate" -> validateTemplate(req, out);
      default ->
          throw new CfnException(
              "InvalidAction", "The action " + action + " is not valid for this web service.", 400);
    }
  }

  static boolean hasResult(String action) {
    return !action.equals("DeleteStack");
  }

  static String required(QueryRequest req, String name, String member) {
    String v = req.get(name);
    if (v == null || v.isEmpty()) {
      throw CfnException.validation(
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }

  private static Template template(QueryRequest req) {
    if (req.get("TemplateURL") != null) {
      throw CfnException.validation("TemplateURL is not simulated: send the TemplateBody");
    }
    String body = required(req, "TemplateBody", "templateBody");
    if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEMPLATE_BODY) {
      throw CfnException.validation(
          "1 validation error detected: Value at 'templateBody' failed to satisfy constraint:"
              + " Member must have length less than or equal to "
              + MAX_TEMPLATE_BODY);
    }
    return Template.parse(body);
  }

  private void createStack(String region, QueryRequest req, XmlWriter out) {
    String name = required(req, "StackName", "stackName");
    if (!STACK_NAME.matcher(name).matches()) {
      throw CfnException.validation(
          "1 validation error detected: Value '"
              + name
              + "' at 'stackName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
    }
    Template template = template(req);
    Map<String, String> parameters = stackParameters.values(region, template, req, Map.of());
    Map<String, String> tags = new LinkedHashMap<>();
    for (QueryRequest t : req.members("Tags.member")) {
      tags.put(t.get("Key"), t.get("Value") == null ? "" : t.get("Value"));
    }
    String onFailure = req.get("OnFailure");
    if (onFailure != null && !Set.of("DO_NOTHING", "ROLLBACK", "DELETE").contains(onFailure)) {
      throw CfnException.validation("Invalid OnFailure: " + onFailure);
    }
    List<Stack> all = stacks.of(region);
    Stack stack;
    synchronized (all) {
      if (stacks.find(region, name) != null) {
        throw new CfnException(
            "AlreadyExistsException", "Stack [" + name + "] already exists", 400);
      }
      String id =
          "arn:aws:cloudformation:"
              + region
              + ":"
              + ec2.ownerId()
              + ":stack/"
              + name
              + "/"
              + UUID.randomUUID();
      stack = new Stack(id, name, region, ec2.now(), tags, req.flag("DisableRollback"), onFailure);
      stack.template = template;
      stack.templateBody = req.get("TemplateBody");
      stack.parameters = parameters;
      stack.status = "CREATE_IN_PROGRESS";
      all.add(stack);
    }
    engine.create(stack);
    out.element("StackId", stack.stackId);
  }

  private void updateStack(String region, QueryRequest req, XmlWriter out) {
    Stack stack = stacks.require(region, required(req, "StackName", "stackName"));
    String body;
    Template template;
    Map<String, String> previousParameters;
    synchronized (stack) {
      if (stack.inProgress()
          || stack.deleted()
          || stack.status.equals("ROLLBACK_COMPLETE")
          || stack.status.endsWith("_FAILED")) {
        throw CfnException.validation(
            "Stack:" + stack.stackId + " is in " + stack.status + " state and can not be updated.");
      }
      previousParameters = stack.parameters;
      body = req.flag("UsePreviousTemplate") ? stack.templateBody : null;
      template = body == null ? null : stack.template;
    }
    if (template == null) {
      template = template(req);
      body = req.get("TemplateBody");
    }
    Map<String, String> parameters =
        stackParameters.values(region, template, req, previousParameters);
    synchronized (stack) {
      if (body.equals(stack.templateBody) && parameters.equals(stack.parameters)) {
        throw CfnException.validation("No updates are to be performed.");
      }
      stack.status = "UPDATE_IN_PROGRESS";
    }
    engine.update(stack, template, body, parameters);
    out.element("StackId", stack.stackId);
  }

  private void deleteStack(String region, QueryRequest req) {
    Stack stack = stacks.find(region, required(req, "StackName", "stackName"));
    if (stack == null) {
      return; // deleting a stack that is not there succeeds, as on AWS
    }
    synchronized (stack) {
      if (stack.deleted() || stack.status.equals("DELETE_IN_PROGRESS")) {
        return;
      }
      if (!stack.inProgress()) {
        // answered as in progress at once; a delete asked for during another operation waits
        stack.status = "DELETE_IN_PROGRESS";
      }
    }
    engine.delete(stack);
  }

  private static void validateTemplate(QueryRequest req, XmlWriter out) {
    Template t = template(req);
    out.start("Parameters");
    for (Template.Parameter p : t.parameters().values()) {
      out.start("member")
          .element("ParameterKey", p.name())
          .element("DefaultValue", p.defaultValue())
          .element("NoEcho", p.noEcho())
          .element("Description", p.description())
          .end("member");
    }
    out.end("Parameters")
        .element("Description", t.description())
        .start("Capabilities")
        .end("Capabilities");
  }
}
