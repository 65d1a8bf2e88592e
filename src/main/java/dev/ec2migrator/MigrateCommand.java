package dev.ec2migrator;

import dev.ec2migrator.monitor.ConsoleProgress;
import dev.ec2migrator.monitor.ProgressSources;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.security.InertText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.support.CamelContextHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * One-shot: migrate one instance list and exit 0 (all migrated), 1 (some failed), 2 (bad input).
 * The console shows the progress (redrawn in place on a terminal, plain lines otherwise), warnings
 * and the summary; the full log goes to {@code logs/<run id>.log}.
 */
@Command(name = "migrate", description = "Migrate the instances of one list, then exit.")
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Mixin ListOptions list;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    return list.request(
        launcher,
        "",
        "direct:migrate-run",
        MigrationRun.class,
        MigrateCommand::progress,
        (run, log) -> report(run, launcher.simulated(), log));
  }

  /** The console's progress of the run while it works. */
  private static ConsoleProgress progress(CamelContext camel, String runId) {
    return ConsoleProgress.start(
        camel.getRegistry().lookupByNameAndType("progressSources", ProgressSources.class),
        runId,
        CamelContextHelper.parseInt(camel, "{{migrator.copy.max-in-flight}}"),
        System.out,
        CamelContextHelper.parseDuration(camel, "{{migrator.progress.display-refresh}}"),
        CamelContextHelper.parseDuration(camel, "{{migrator.progress.console-interval}}"));
  }

  /** The summary; every value in it goes through InertText, so none can forge a line. */
  private static int report(MigrationRun run, boolean simulated, Path logFile) {
    long total = run.migrations().size();
    long failed = run.failedCount();
    System.out.println();
    System.out.printf(
        "Run %s%s: %d of %d instances migrated, %d failed%n",
        InertText.escape(run.runId()),
        simulated ? " (SIMULATED)" : "",
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
