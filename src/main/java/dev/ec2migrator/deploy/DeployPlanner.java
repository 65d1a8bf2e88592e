package dev.ec2migrator.deploy;

import dev.ec2migrator.cloudformation.CellFormat;
import dev.ec2migrator.cloudformation.FleetPlan;
import dev.ec2migrator.cloudformation.ResultsCsvReader;
import dev.ec2migrator.cloudformation.TemplateModelBuilder;
import dev.ec2migrator.cloudformation.YamlString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's deployment as the outbox holds it: its templates (the network's first, then the parts in
 * order), the stack name of each and the parameters each stack is given. Reads files only; {@link
 * StackDeployer} makes the calls.
 */
public class DeployPlanner {
  /** CreateStack and UpdateStack take a TemplateBody of at most 51,200 bytes. */
  static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

  private static final Pattern TEMPLATE_SUFFIX =
      Pattern.compile("(\\.network|\\.part-(\\d+)-of-\\d+)?\\.cloudformation\\.yaml");

  private final Path outbox;

  public DeployPlanner(String outbox) {
    this.outbox = Path.of(outbox);
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
    return YamlString.quote(s);
  }
}
