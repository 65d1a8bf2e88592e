package dev.ec2migrator;

import dev.ec2migrator.security.InertText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
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
    Main main =
        Launcher.forProfile(app.profile())
            .main(
                Map.of(
                    "migrator.inbox.enabled",
                    "false",
                    "migrator.demo.enabled",
                    "false",
                    // rendering needs no management server (and must not clash with the service's)
                    "camel.management.enabled",
                    "false"));
    main.start();
    try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
      List<?> files =
          producer.requestBody("direct:render-cloudformation", csv.toFile(), List.class);
      files.forEach(
          f -> System.out.println("CloudFormation template: " + InertText.escape(f.toString())));
      return 0;
    } catch (CamelExecutionException e) {
      System.err.println(InertText.escape((e.getCause() == null ? e : e.getCause()).getMessage()));
      return 2;
    } finally {
      main.stop();
    }
  }
}
