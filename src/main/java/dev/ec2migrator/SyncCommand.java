package dev.ec2migrator;

import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.monitor.RunLogFile;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.security.InertText;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The warm phase: one pass of snapshots and copies of every host of a list while it runs. Run it
 * again for the next, incremental pass (an interrupted pass is resumed). Exit 0 all copied, 1 some
 * failed, 2 bad input (nothing done).
 */
@Command(
    name = "sync",
    description =
        "Warm pass: snapshot and copy every volume while the hosts run; repeat for an"
            + " incremental pass, then `cutover <run>`.")
final class SyncCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "the instance list (CSV with a header, or ids one a line)")
  Path file;

  @Option(
      names = "--run-id",
      description = "sync run id (default: file stem + content hash); each pass is <run>-p<n>")
  String runId;

  @Option(names = "--verbose", description = "the full log on the console too")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    ListArgument list = ListArgument.read(launcher, file, runId);
    if (list == null) {
      return 2;
    }
    try (RunLogFile log = RunLogFile.open(MigrateCommand.LOG_DIR, list.runId(), verbose)) {
      Map<String, Object> headers = new HashMap<>();
      headers.put("migratorSource", list.source());
      if (runId != null) {
        headers.put("migratorRunId", runId);
      }
      MigrationRun run;
      try {
        run =
            OneShot.request(
                launcher,
                Map.of(),
                "direct:sync-list",
                list.content(),
                headers,
                MigrationRun.class);
      } catch (CamelExecutionException e) {
        Throwable cause = OneShot.reason(e);
        System.err.print(BadInputReport.describe(cause));
        System.err.println("  log: " + log.file());
        return cause instanceof InvalidInstanceListException
                || cause instanceof IllegalArgumentException
            ? 2
            : 1;
      }
      return report(run, list.runId(), launcher.profile(), log.file());
    }
  }

  private static int report(MigrationRun run, String syncRun, String profile, Path logFile) {
    long total = run.migrations().size();
    long failed = run.failedCount();
    System.out.println();
    System.out.printf(
        "Sync run %s%s, pass %s: %d of %d instances copied, %d failed%n",
        InertText.escape(syncRun),
        "demo".equals(profile) ? " (SIMULATED)" : "",
        InertText.escape(run.runId()),
        total - failed,
        total,
        failed);
    System.out.println("  results CSV: " + InertText.escape(String.valueOf(run.csvFile())));
    System.out.println("  log:         " + InertText.escape(logFile.toString()));
    run.migrations().stream()
        .filter(m -> m.isFailed())
        .forEach(m -> System.out.println("  FAILED " + InertText.escape(m.error())));
    System.out.println(
        "  next: `sync` again for an incremental pass, or `cutover "
            + InertText.escape(syncRun)
            + "`");
    return failed == 0 ? 0 : 1;
  }
}
