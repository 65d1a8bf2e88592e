package dev.ec2migrator.deploy;

import dev.ec2migrator.aws.AwsCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Creates or updates the stacks of a run's {@link DeployPlan} and follows each one to a complete
 * state, collecting its new stack events for the route to show.
 */
public class StackDeployer {
  private final CloudFormationClients clients;
  private final Duration timeout;

  public StackDeployer(CloudFormationClients clients, String timeout) {
    this.clients = clients;
    this.timeout = Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(timeout));
  }

  /** CreateStack for a new stack, UpdateStack for an existing one. */
  public void start(StackDeployment d) {
    d.started(System.nanoTime());
    Stack existing = describe(d);
    if (existing == null) {
      create(d);
      return;
    }
    d.status(existing.stackStatusAsString());
    rememberEarlierEvents(d);
    if (existing.stackStatus() == StackStatus.ROLLBACK_COMPLETE) {
      // a stack whose creation failed holds nothing and can only be deleted
      call(d, "DeleteStack", () -> client(d).deleteStack(r -> r.stackName(d.stackName())));
      d.phase(StackDeployment.Phase.REMOVING_FAILED_ATTEMPT);
      return;
    }
    if (existing.stackStatusAsString().endsWith("_IN_PROGRESS")) {
      throw new StackFailedException(
          d.stackName(),
          existing.stackStatusAsString(),
          "another change of this stack is in progress");
    }
    try {
      client(d)
          .updateStack(
              r ->
                  r.stackName(d.stackName())
                      .templateBody(d.templateBody())
                      .parameters(parameters(d))
                      .tags(runTag(d)));
      d.phase(StackDeployment.Phase.IN_PROGRESS);
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null
          && String.valueOf(e.awsErrorDetails().errorMessage())
              .contains("No updates are to be performed")) {
        d.phase(StackDeployment.Phase.DONE);
        return;
      }
      throw new AwsCallException(d.stackName(), "UpdateStack", e);
    }
  }

  /** One look at the stack: its status and the events not shown yet. Throws when it failed. */
  public void poll(StackDeployment d) {
    Stack stack = describe(d);
    d.newEvents(newEvents(d));
    if (d.phase() == StackDeployment.Phase.REMOVING_FAILED_ATTEMPT) {
      if (stack == null || stack.stackStatus() == StackStatus.DELETE_COMPLETE) {
        create(d);
      }
      return;
    }
    if (stack == null) {
      throw new StackFailedException(
          d.stackName(), "DELETED", "the stack vanished while deploying");
    }
    String status = stack.stackStatusAsString();
    d.status(status);
    if (status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE")) {
      d.phase(StackDeployment.Phase.DONE);
    } else if (!status.endsWith("_IN_PROGRESS")) {
      throw new StackFailedException(d.stackName(), status, failures(d, stack));
    } else if (System.nanoTime() - d.startedAtNanos() > timeout.toNanos()) {
      throw new StackFailedException(
          d.stackName(),
          status,
          "still " + status + " after migrator.deploy.timeout (" + timeout + ")");
    }
  }

  private void create(StackDeployment d) {
    // a stack that CloudFormation refuses outright (moto creates the resources inside CreateStack
    // and answers with their error, e.g. InvalidAMIID.NotFound) fails here, naming the stack
    call(
        d,
        "CreateStack",
        () ->
            client(d)
                .createStack(
                    r ->
                        r.stackName(d.stackName())
                            .templateBody(d.templateBody())
                            .parameters(parameters(d))
                            .tags(runTag(d))));
    d.phase(StackDeployment.Phase.IN_PROGRESS);
  }

  private Stack describe(StackDeployment d) {
    try {
      List<Stack> stacks = client(d).describeStacks(r -> r.stackName(d.stackName())).stacks();
      return stacks.isEmpty() ? null : stacks.get(0);
    } catch (AwsServiceException e) {
      // CloudFormation answers ValidationError "Stack with id X does not exist"
      if (e.awsErrorDetails() != null
          && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
        return null;
      }
      throw new AwsCallException(d.stackName(), "DescribeStacks", e);
    }
  }

  private void rememberEarlierEvents(StackDeployment d) {
    events(d).forEach(e -> d.earlier(e.eventId()));
  }

  /** Newest first from CloudFormation; shown oldest first. */
  private List<String> newEvents(StackDeployment d) {
    List<String> lines = new ArrayList<>();
    for (StackEvent e : events(d)) {
      if (d.firstSight(e.eventId())) {
        lines.add(0, eventLine(d, e));
      }
    }
    return lines;
  }

  private List<StackEvent> events(StackDeployment d) {
    try {
      return client(d)
          .describeStackEventsPaginator(r -> r.stackName(d.stackName()))
          .stackEvents()
          .stream()
          .toList();
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null
          && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
        return List.of();
      }
      throw new AwsCallException(d.stackName(), "DescribeStackEvents", e);
    }
  }

  private static String eventLine(StackDeployment d, StackEvent e) {
    return d.stackName()
        + " "
        + e.logicalResourceId()
        + " "
        + e.resourceType()
        + " "
        + e.resourceStatusAsString()
        + (e.resourceStatusReason() == null ? "" : ": " + e.resourceStatusReason());
  }

  /** The resources that failed, with CloudFormation's reason for each. */
  private String failures(StackDeployment d, Stack stack) {
    List<String> failed = new ArrayList<>();
    for (StackEvent e : events(d)) {
      if (e.resourceStatusAsString() != null
          && !d.isEarlier(e.eventId())
          && e.resourceStatusAsString().endsWith("_FAILED")
          && !e.logicalResourceId().equals(d.stackName())) {
        failed.add(
            0,
            e.logicalResourceId()
                + " ("
                + e.resourceType()
                + ") "
                + e.resourceStatusAsString()
                + ": "
                + e.resourceStatusReason());
      }
    }
    if (failed.isEmpty()) {
      failed.add(stack.stackStatusReason() == null ? "no reason given" : stack.stackStatusReason());
    }
    return String.join("; ", failed);
  }

  private static List<Parameter> parameters(StackDeployment d) {
    return d.parameters().entrySet().stream()
        .map(p -> Parameter.builder().parameterKey(p.getKey()).parameterValue(p.getValue()).build())
        .toList();
  }

  private static Tag runTag(StackDeployment d) {
    return Tag.builder().key(dev.ec2migrator.aws.MigrationTags.RUN).value(d.runId()).build();
  }

  private CloudFormationClient client(StackDeployment d) {
    return clients.forRegion(d.region());
  }

  private static void call(StackDeployment d, String action, Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      throw new AwsCallException(d.stackName(), action, e);
    }
  }
}
