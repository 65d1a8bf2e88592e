package dev.ec2migrator;

import dev.ec2migrator.security.InertText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Re-renders the CloudFormation template from a (possibly hand-edited) results CSV. */
@Command(name = "template", description = "Render the CloudFormation template from a results CSV.")
final class TemplateCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "a results CSV written by a run")
  Path csv;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(csv)) {
      System.err.println("No such file: " + InertText.escape(csv.toString()));
      return 2;
    }
    try {
      // rendering needs no demo world
      List<?> files =
          OneShot.request(
              Launcher.forProfile(app.profile()),
              Map.of("migrator.demo.enabled", "false"),
              "direct:render-cloudformation",
              csv.toFile(),
              Map.of(),
              List.class);
      files.forEach(
          f -> System.out.println("CloudFormation template: " + InertText.escape(f.toString())));
      return 0;
    } catch (CamelExecutionException e) {
      System.err.println(InertText.escape((e.getCause() == null ? e : e.getCause()).getMessage()));
      return 2;
    }
  }
}
