package dev.ec2migrator;

import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.monitor.ConsoleProgress;
import dev.ec2migrator.monitor.ProgressSources;
import dev.ec2migrator.monitor.RunLogFile;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.security.InertText;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.support.CamelContextHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * One-shot: migrate one instance list and exit 0 (all migrated), 1 (some failed), 2 (bad input).
 * The console shows the progress (redrawn in place on a terminal, plain lines otherwise), warnings
 * and the summary; the full log goes to {@code logs/<run id>.log}.
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

  @Option(names = "--verbose", description = "the full log on the console too")
  boolean verbose;

  /** Where the log file of each run goes (relative to the working directory). */
  static final Path LOG_DIR = Path.of("logs");

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    ListArgument list = ListArgument.read(launcher, file, runId);
    if (list == null) {
      return 2;
    }
    try (RunLogFile log = RunLogFile.open(LOG_DIR, list.runId(), verbose)) {
      return migrate(launcher, list.content(), list.source(), list.runId(), log);
    }
  }

  private int migrate(Launcher launcher, byte[] content, String source, String id, RunLogFile log)
      throws Exception {
    // a free management port: a one-shot run must not clash with the service on 8080
    Main main =
        launcher.main(Map.of("migrator.inbox.enabled", "false", "camel.management.port", "0"));
    main.start();
    MigrationRun run;
    CamelContext camel = main.getCamelContext();
    try (ProducerTemplate producer = camel.createProducerTemplate();
        ConsoleProgress progress =
            ConsoleProgress.start(
                camel.getRegistry().lookupByNameAndType("progressSources", ProgressSources.class),
                id,
                CamelContextHelper.parseInt(camel, "{{migrator.copy.max-in-flight}}"),
                System.out,
                CamelContextHelper.parseDuration(camel, "{{migrator.progress.display-refresh}}"),
                CamelContextHelper.parseDuration(
                    camel, "{{migrator.progress.console-interval}}"))) {
      Map<String, Object> headers = new HashMap<>();
      headers.put("migratorSource", source);
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
      System.err.println("  log: " + log.file());
      return cause instanceof InvalidInstanceListException ? 2 : 1;
    }
    main.stop();
    return report(run, launcher.profile(), log.file());
  }

  /** The summary; every value in it goes through InertText, so none can forge a line. */
  private static int report(MigrationRun run, String profile, Path logFile) {
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
    if (run.csvFile() != null) { // written with the CSV by the write-results route
      System.out.println(
          "  run report:              "
              + InertText.escape(
                  run.csvFile().resolveSibling(run.runId() + ".report.html").toString()));
    }
    System.out.println("  log:                     " + InertText.escape(logFile.toString()));
    run.migrations().stream()
        .filter(m -> m.isFailed())
        .forEach(m -> System.out.println("  FAILED " + InertText.escape(m.error())));
    return failed == 0 ? 0 : 1;
  }
}
