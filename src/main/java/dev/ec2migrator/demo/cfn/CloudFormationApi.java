package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Provisioner;
import dev.ec2migrator.demo.ec2.QueryRequest;
import dev.ec2migrator.demo.ec2.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The CloudFormation actions: stacks per region, their checks, and their answers' XML.
 *
 * <p>Size: the table of CloudFormation's stack actions, one method each with its answer's XML.
 */
final class CloudFormationApi {
  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

  /** CloudFormation's limit on a TemplateBody, in bytes. */
  private static final int MAX_TEMPLATE_BODY = 51_200;

  private static final Set<String> ID_TYPES =
      Set.of(
          "AWS::EC2::Subnet::Id",
          "AWS::EC2::SecurityGroup::Id",
          "AWS::EC2::VPC::Id",
          "AWS::EC2::Image::Id",
          "AWS::EC2::Instance::Id",
          "AWS::EC2::Volume::Id");

  private final Ec2Provisioner ec2;
  private final StackEngine engine;
  private final Map<String, List<Stack>> stacksByRegion = new ConcurrentHashMap<>();

  CloudFormationApi(Ec2Provisioner ec2, StackEngine engine) {
    this.ec2 = ec2;
    this.engine = engine;
  }

  void serve(String action, String region, QueryRequest req, XmlWriter out) {
    switch (action) {
      case "CreateStack" -> createStack(region, req, out);
      case "UpdateStack" -> updateStack(region, req, out);
      case "DeleteStack" -> deleteStack(region, req);
      case "DescribeStacks" -> describeStacks(region, req, out);
      case "DescribeStackEvents" -> describeStackEvents(region, req, out);
      case "DescribeStackResources" -> describeStackResources(region, req, out);
      case "ValidateTemplate" -> validateTemplate(req, out);
      default ->
          throw new CfnException(
              "InvalidAction", "The action " + action + " is not valid for this web service.", 400);
    }
  }

  static boolean hasResult(String action) {
    return !action.equals("DeleteStack");
  }

  private List<Stack> stacks(String region) {
    return stacksByRegion.computeIfAbsent(region, r -> new ArrayList<>());
  }

  /** By name (the live stack of that name) or by stack id (also a deleted one). */
  private Stack find(String region, String nameOrId) {
    List<Stack> all = stacks(region);
    synchronized (all) {
      for (int i = all.size() - 1; i >= 0; i--) {
        Stack s = all.get(i);
        synchronized (s) {
          if (s.stackId.equals(nameOrId) || (s.name.equals(nameOrId) && !s.deleted())) {
            return s;
          }
        }
      }
    }
    return null;
  }

  private Stack require(String region, String nameOrId) {
    Stack s = find(region, nameOrId);
    if (s == null) {
      throw CfnException.validation("Stack with id " + nameOrId + " does not exist");
    }
    return s;
  }

  private static String required(QueryRequest req, String name, String member) {
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
    Map<String, String> parameters = parameters(region, template, req, Map.of());
    Map<String, String> tags = new LinkedHashMap<>();
    for (QueryRequest t : req.members("Tags.member")) {
      tags.put(t.get("Key"), t.get("Value") == null ? "" : t.get("Value"));
    }
    String onFailure = req.get("OnFailure");
    if (onFailure != null && !Set.of("DO_NOTHING", "ROLLBACK", "DELETE").contains(onFailure)) {
      throw CfnException.validation("Invalid OnFailure: " + onFailure);
    }
    List<Stack> all = stacks(region);
    Stack stack;
    synchronized (all) {
      if (find(region, name) != null) {
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
    Stack stack = require(region, required(req, "StackName", "stackName"));
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
    Map<String, String> parameters = parameters(region, template, req, previousParameters);
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
    Stack stack = find(region, required(req, "StackName", "stackName"));
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

  /**
   * The stack's parameter values: given, previous (UsePreviousValue) or default; checked against
   * the template, its AllowedValues, and for AWS-specific types against what exists.
   */
  private Map<String, String> parameters(
      String region, Template template, QueryRequest req, Map<String, String> previous) {
    Map<String, String> given = new LinkedHashMap<>();
    for (QueryRequest p : req.members("Parameters.member")) {
      String key = p.get("ParameterKey");
      if (key == null) {
        throw CfnException.validation("ParameterKey is required");
      }
      if (p.flag("UsePreviousValue")) {
        if (!previous.containsKey(key)) {
          throw CfnException.validation(
              "Invalid input for parameter key "
                  + key
                  + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
        }
        given.put(key, previous.get(key));
      } else {
        given.put(key, p.get("ParameterValue") == null ? "" : p.get("ParameterValue"));
      }
    }
    List<String> unknown =
        given.keySet().stream().filter(k -> !template.parameters().containsKey(k)).toList();
    if (!unknown.isEmpty()) {
      throw CfnException.validation("Parameters: " + unknown + " do not exist in the template");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Template.Parameter p : template.parameters().values()) {
      String v = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
      if (v == null) {
        missing.add(p.name());
        continue;
      }
      if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(v)) {
        throw CfnException.validation("Parameter '" + p.name() + "' must be one of AllowedValues");
      }
      String element =
          p.type().startsWith("List<") ? p.type().substring(5, p.type().length() - 1) : p.type();
      if (ID_TYPES.contains(element)) {
        for (String id : p.isList() ? List.of(v.split(",", -1)) : List.of(v)) {
          if (!id.isEmpty() && !ec2.exists(region, id.strip())) {
            throw CfnException.validation(
                "Parameter validation failed: parameter value "
                    + id
                    + " for parameter name "
                    + p.name()
                    + " does not exist. Rollback requested by user.");
          }
        }
      }
      values.put(p.name(), v);
    }
    if (!missing.isEmpty()) {
      throw CfnException.validation("Parameters: " + missing + " must have values");
    }
    return values;
  }

  private void describeStacks(String region, QueryRequest req, XmlWriter out) {
    String name = req.get("StackName");
    List<Stack> selected = new ArrayList<>();
    if (name != null && !name.isEmpty()) {
      selected.add(require(region, name));
    } else {
      List<Stack> all = stacks(region);
      synchronized (all) {
        for (Stack s : all) {
          synchronized (s) {
            if (!s.deleted()) {
              selected.add(s);
            }
          }
        }
      }
    }
    out.start("Stacks");
    for (Stack s : selected) {
      synchronized (s) {
        writeStack(s, out);
      }
    }
    out.end("Stacks");
  }

  private static void writeStack(Stack s, XmlWriter out) {
    out.start("member")
        .element("StackId", s.stackId)
        .element("StackName", s.name)
        .element("Description", s.template.description())
        .start("Parameters");
    s.parameters.forEach(
        (k, v) -> {
          Template.Parameter p = s.template.parameters().get(k);
          out.start("member")
              .element("ParameterKey", k)
              .element("ParameterValue", p != null && p.noEcho() ? "****" : v)
              .end("member");
        });
    out.end("Parameters")
        .element("CreationTime", s.creationTime)
        .element("LastUpdatedTime", s.lastUpdatedTime)
        .element("DeletionTime", s.deletionTime)
        .element("StackStatus", s.status)
        .element("StackStatusReason", s.reason)
        .element("DisableRollback", s.disableRollback)
        .start("NotificationARNs")
        .end("NotificationARNs")
        .start("Outputs");
    s.outputs.forEach(
        (k, v) ->
            out.start("member")
                .element("OutputKey", k)
                .element("OutputValue", v[0])
                .element("Description", v[1])
                .element("ExportName", v[2])
                .end("member"));
    out.end("Outputs").start("Tags");
    s.tags.forEach(
        (k, v) -> out.start("member").element("Key", k).element("Value", v).end("member"));
    out.end("Tags")
        .element("EnableTerminationProtection", false)
        .start("DriftInformation")
        .element("StackDriftStatus", "NOT_CHECKED")
        .end("DriftInformation")
        .end("member");
  }

  /** Newest first, 100 per page, as CloudFormation pages them. */
  private void describeStackEvents(String region, QueryRequest req, XmlWriter out) {
    Stack s = require(region, required(req, "StackName", "stackName"));
    List<Stack.Event> events;
    synchronized (s) {
      events = new ArrayList<>(s.events);
    }
    java.util.Collections.reverse(events);
    int from = 0;
    String token = req.get("NextToken");
    if (token != null && !token.isEmpty()) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw CfnException.validation("Invalid NextToken");
      }
    }
    int to = Math.min(events.size(), from + 100);
    out.start("StackEvents");
    for (Stack.Event e : events.subList(Math.min(from, to), to)) {
      out.start("member")
          .element("StackId", s.stackId)
          .element("EventId", e.eventId())
          .element("StackName", s.name)
          .element("LogicalResourceId", e.logicalId())
          .element("PhysicalResourceId", e.physicalId())
          .element("ResourceType", e.resourceType())
          .element("Timestamp", e.timestamp())
          .element("ResourceStatus", e.status())
          .element("ResourceStatusReason", e.reason())
          .end("member");
    }
    out.end("StackEvents");
    if (to < events.size()) {
      out.element("NextToken", String.valueOf(to));
    }
  }

  private void describeStackResources(String region, QueryRequest req, XmlWriter out) {
    String name = req.get("StackName");
    String physical = req.get("PhysicalResourceId");
    Stack s = null;
    if (name != null && !name.isEmpty()) {
      s = require(region, name);
    } else if (physical != null) {
      List<Stack> all = stacks(region);
      synchronized (all) {
        for (Stack candidate : all) {
          synchronized (candidate) {
            if (candidate.resources.values().stream()
                .anyMatch(r -> physical.equals(r.physicalId))) {
              s = candidate;
            }
          }
        }
      }
      if (s == null) {
        throw CfnException.validation("Stack for " + physical + " does not exist");
      }
    } else {
      throw CfnException.validation("Either StackName or PhysicalResourceId must be specified.");
    }
    String logical = req.get("LogicalResourceId");
    out.start("StackResources");
    synchronized (s) {
      for (Stack.Resource r : s.resources.values()) {
        if (logical != null && !logical.equals(r.logicalId)) {
          continue;
        }
        out.start("member")
            .element("StackName", s.name)
            .element("StackId", s.stackId)
            .element("LogicalResourceId", r.logicalId)
            .element("PhysicalResourceId", r.physicalId)
            .element("ResourceType", r.type)
            .element("Timestamp", r.timestamp)
            .element("ResourceStatus", r.status)
            .element("ResourceStatusReason", r.reason)
            .start("DriftInformation")
            .element("StackResourceDriftStatus", "NOT_CHECKED")
            .end("DriftInformation")
            .end("member");
      }
    }
    out.end("StackResources");
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
