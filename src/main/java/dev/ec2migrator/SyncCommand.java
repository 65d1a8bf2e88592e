package dev.ec2migrator;

import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.security.InertText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  /** The list, and {@code --run-id}: the sync run's id (each pass is {@code <run>-p<n>}). */
  @Mixin ListOptions list;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    return list.request(
        launcher,
        ".sync",
        "direct:sync-run",
        MigrationRun.class,
        (camel, runId) -> () -> {},
        (run, log) ->
            report(run, run.runId().replaceFirst("-p[0-9]+$", ""), launcher.simulated(), log));
  }

  private static int report(MigrationRun run, String syncRun, boolean simulated, Path logFile) {
    long total = run.migrations().size();
    long failed = run.failedCount();
    System.out.println();
    System.out.printf(
        "Sync run %s%s, pass %s: %d of %d instances copied, %d failed%n",
        InertText.escape(syncRun),
        simulated ? " (SIMULATED)" : "",
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
