package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.QueryRequest;
import dev.ec2migrator.demo.ec2.XmlWriter;
import java.util.ArrayList;
import java.util.List;

/** DescribeStacks, DescribeStackEvents and DescribeStackResources: what a stack shows. */
final class StackDescribes {
  private final Stacks stacks;

  StackDescribes(Stacks stacks) {
    this.stacks = stacks;
  }

  void describeStacks(String region, QueryRequest req, XmlWriter out) {
    String name = req.get("StackName");
    List<Stack> selected =
        name != null && !name.isEmpty()
            ? List.of(stacks.require(region, name))
            : stacks.live(region);
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
  void describeStackEvents(String region, QueryRequest req, XmlWriter out) {
    Stack s = stacks.require(region, CloudFormationApi.required(req, "StackName", "stackName"));
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

  void describeStackResources(String region, QueryRequest req, XmlWriter out) {
    String name = req.get("StackName");
    String physical = req.get("PhysicalResourceId");
    Stack s = null;
    if (name != null && !name.isEmpty()) {
      s = stacks.require(region, name);
    } else if (physical != null) {
      s = stacks.holding(region, physical);
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
}
