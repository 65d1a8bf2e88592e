package dev.ec2migrator;

import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.input.ListFileReader;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.security.InertText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * One-shot: migrate one instance list and exit 0 (all migrated), 1 (some failed), 2 (bad input).
 */
@Command(name = "migrate", description = "Migrate the instances of one list, then exit.")
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "the instance list (CSV with a header, or ids one a line)")
  Path file;

  @Option(
      names = "--run-id",
      description = "run id (default: file stem + content hash, so a rerun resumes)")
  String runId;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(file)) {
      System.err.println("No such file: " + InertText.escape(file.toString()));
      return 2;
    }
    Launcher launcher = Launcher.forProfile(app.profile());
    // type and size by lstat before anything starts: a FIFO or a 3 GB file is refused at once
    byte[] content;
    try {
      content =
          new ListFileReader(Long.parseLong(launcher.property("migrator.input.max-bytes")))
              .read(file.toRealPath(), file.toAbsolutePath().toString());
    } catch (InvalidInstanceListException e) {
      System.err.print(BadInputReport.describe(e));
      return 2;
    }
    // a free management port: a one-shot run must not clash with the service on 8080
    Main main =
        launcher.main(Map.of("migrator.inbox.enabled", "false", "camel.management.port", "0"));
    main.start();
    MigrationRun run;
    try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
      Map<String, Object> headers = new HashMap<>();
      headers.put("migratorSource", file.toAbsolutePath().toString());
      if (runId != null) {
        headers.put("migratorRunId", runId);
      }
      run =
          producer.requestBodyAndHeaders(
              "direct:migrate-list", content, headers, MigrationRun.class);
    } catch (CamelExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      main.stop();
      System.err.print(BadInputReport.describe(cause));
      return cause instanceof InvalidInstanceListException ? 2 : 1;
    }
    main.stop();
    return report(run, launcher.profile());
  }

  /** The summary; every value in it went through InertText, so none can forge a line. */
  private static int report(MigrationRun run, String profile) {
    long total = run.migrations().size();
    long failed = run.failedCount();
    System.out.println();
    System.out.printf(
        "Run %s%s: %d of %d instances migrated, %d failed%n",
        InertText.escape(run.runId()),
        "demo".equals(profile) ? " (SIMULATED)" : "",
        total - failed,
        total,
        failed);
    System.out.println(
        "  results CSV:             " + InertText.escape(String.valueOf(run.csvFile())));
    run.templateFiles()
        .forEach(
            f ->
                System.out.println("  CloudFormation template: " + InertText.escape(f.toString())));
    run.migrations().stream()
        .filter(m -> m.isFailed())
        .forEach(m -> System.out.println("  FAILED " + InertText.escape(m.error())));
    return failed == 0 ? 0 : 1;
  }
}
