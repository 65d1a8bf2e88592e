package dev.ec2migrator.deploy;

import dev.ec2migrator.aws.AwsCallException;
import dev.ec2migrator.cloudformation.CellFormat;
import dev.ec2migrator.cloudformation.FleetPlan;
import dev.ec2migrator.cloudformation.ResultsCsvReader;
import dev.ec2migrator.cloudformation.TemplateModelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Creates or updates a run's stacks from the templates in the outbox and follows each one to a
 * complete state, collecting its new stack events for the route to show.
 */
public class StackDeployer {
  /** CreateStack and UpdateStack take a TemplateBody of at most 51,200 bytes. */
  static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

  private static final Pattern TEMPLATE_SUFFIX =
      Pattern.compile("(\\.network|\\.part-(\\d+)-of-\\d+)?\\.cloudformation\\.yaml");

  private final CloudFormationClients clients;
  private final Path outbox;
  private final Duration timeout;

  public StackDeployer(CloudFormationClients clients, String outbox, String timeout) {
    this.clients = clients;
    this.outbox = Path.of(outbox);
    this.timeout = Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(timeout));
  }

  /**
   * The run's stacks, network first, with their parameters: the file's values for the parameters
   * each template declares; every other parameter keeps its template default.
   *
   * @param parametersFile null or empty for none
   */
  public DeployPlan plan(String runId, String parametersFile) {
    if (!CellFormat.RUN_ID.matches(runId)) {
      throw new InvalidDeployInputException(
          "run id " + quoted(runId) + " is not a run id (" + CellFormat.RUN_ID.expected() + ")");
    }
    Path csv = outbox.resolve(runId + ".csv");
    if (!Files.isRegularFile(csv)) {
      throw new InvalidDeployInputException(
          "unknown run "
              + runId
              + ": no "
              + csv
              + " (run migrate first, or check migrator.outbox)");
    }
    FleetPlan fleet = new TemplateModelBuilder(false).build(new ResultsCsvReader().read(read(csv)));
    List<Path> templates = templates(runId);
    if (templates.isEmpty()) {
      throw new InvalidDeployInputException(
          "run " + runId + " has no CloudFormation template in " + outbox + " (run template)");
    }
    Map<String, String> given =
        parametersFile == null || parametersFile.isBlank()
            ? Map.of()
            : ParametersFile.read(Path.of(parametersFile));
    Map<Path, String> bodies = new LinkedHashMap<>();
    Map<Path, List<TemplateParameters.Declared>> declared = new LinkedHashMap<>();
    for (Path template : templates) {
      String body = checkedBody(template);
      bodies.put(template, body);
      declared.put(template, TemplateParameters.of(template, body));
    }
    for (String name : given.keySet()) {
      if (declared.values().stream().flatMap(List::stream).noneMatch(p -> p.name().equals(name))) {
        throw new InvalidDeployInputException(
            parametersFile
                + ": parameter "
                + quoted(name)
                + " is declared by no template of run "
                + runId);
      }
    }
    List<StackDeployment> stacks = new ArrayList<>();
    for (Path template : templates) {
      String stackName = stackName(runId, template);
      Map<String, String> parameters = new LinkedHashMap<>();
      for (TemplateParameters.Declared p : declared.get(template)) {
        if (given.containsKey(p.name())) {
          parameters.put(p.name(), given.get(p.name()));
        } else if (!p.hasDefault()) {
          throw new InvalidDeployInputException(
              "stack "
                  + stackName
                  + " needs parameter "
                  + p.name()
                  + " ("
                  + p.description()
                  + "), which has no default: give it in --parameters");
        }
      }
      stacks.add(
          new StackDeployment(
              runId, fleet.targetRegion(), stackName, template, bodies.get(template), parameters));
    }
    return new DeployPlan(runId, fleet.targetRegion(), fleet, stacks);
  }

  private static String checkedBody(Path template) {
    String body = read(template);
    int bytes = body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_TEMPLATE_BODY_BYTES) {
      throw new InvalidDeployInputException(
          template
              + " has "
              + bytes
              + " bytes, CreateStack takes at most "
              + MAX_TEMPLATE_BODY_BYTES
              + " inline: set migrator.cloudformation.max-template-bytes to "
              + MAX_TEMPLATE_BODY_BYTES
              + " and render again (template <csv>)");
    }
    return body;
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

  /** The stack names of the run's templates in the outbox, the network's first. */
  public List<String> stackNames(String runId) {
    return templates(runId).stream().map(t -> stackName(runId, t)).toList();
  }

  /** The run's template files: the network first, then the parts in order. */
  private List<Path> templates(String runId) {
    try (Stream<Path> files = Files.list(outbox)) {
      return files
          .filter(f -> suffix(runId, f) != null)
          .sorted(Comparator.comparingInt((Path f) -> order(suffix(runId, f))))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Matcher suffix(String runId, Path file) {
    String name = file.getFileName().toString();
    if (!name.startsWith(runId)) {
      return null;
    }
    Matcher m = TEMPLATE_SUFFIX.matcher(name.substring(runId.length()));
    return m.matches() ? m : null;
  }

  private static int order(Matcher suffix) {
    if (suffix.group(1) == null) {
      return 1;
    }
    return suffix.group(2) == null ? 0 : Integer.parseInt(suffix.group(2));
  }

  /**
   * Stack names take letters, digits and hyphens (128 at most), starting with a letter; the run's
   * file names map onto them one to one but for '.' and '_', which become '-'.
   */
  static String stackName(String runId, Path template) {
    String name = template.getFileName().toString();
    String middle = name.substring(runId.length(), name.length() - ".cloudformation.yaml".length());
    String stack =
        ("migrator-" + runId + middle.replace('.', '-')).replaceAll("[^A-Za-z0-9-]", "-");
    if (stack.length() > 128) {
      throw new InvalidDeployInputException(
          "stack name "
              + stack
              + " is longer than CloudFormation's 128 characters (use a shorter --run-id)");
    }
    return stack;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quoted(String s) {
    return dev.ec2migrator.cloudformation.YamlString.quote(s);
  }
}
