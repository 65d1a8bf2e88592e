package dev.ec2migrator;

import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.input.ListFileReader;
import dev.ec2migrator.monitor.Downtimes;
import dev.ec2migrator.monitor.RunLogFile;
import dev.ec2migrator.run.BadInputReport;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.security.InertText;
import java.nio.file.Files;
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
 * The cutover of a sync run: per host stop, final snapshots, incremental copies, image, optionally
 * deploy; downtime per host. Exit 0 all cut over, 1 some failed (started again unless configured
 * otherwise), 2 bad input (unknown run, empty wave, a sub-list naming other instances: nothing
 * done).
 */
@Command(
    name = "cutover",
    description =
        "Cut a sync run over: stop each host, final incremental snapshot and copy, image;"
            + " downtime per host.")
final class CutoverCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "the sync run id (`sync` printed it)")
  String syncRun;

  @Option(names = "--wave", description = "only the run's instances with this tag, as Key=Value")
  String wave;

  @Option(names = "--list", description = "only these instances of the run (an instance list)")
  Path list;

  @Option(names = "--deploy", description = "then create the stacks and verify the new instances")
  boolean deploy;

  @Option(names = "--verbose", description = "the full log on the console too")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    byte[] subList = null;
    String source = null;
    if (list != null) {
      if (!Files.exists(list)) {
        System.err.println("No such file: " + InertText.escape(list.toString()));
        return 2;
      }
      source = list.toAbsolutePath().toString();
      try {
        subList =
            new ListFileReader(Long.parseLong(launcher.property("migrator.input.max-bytes")))
                .read(list.toRealPath(), source);
      } catch (InvalidInstanceListException e) {
        System.err.print(BadInputReport.describe(e));
        return 2;
      }
    }
    String logName = syncRun != null && syncRun.matches("[A-Za-z0-9-]{1,64}") ? syncRun : "cutover";
    try (RunLogFile log = RunLogFile.open(ListOptions.LOG_DIR, logName + "-cutover", verbose)) {
      Map<String, Object> headers = new HashMap<>();
      headers.put("migratorSyncRun", syncRun);
      headers.put("migratorWave", wave);
      headers.put("migratorSource", source);
      headers.put("migratorDeploy", deploy);
      MigrationRun run;
      try {
        run =
            OneShot.request(
                launcher, Map.of(), "direct:cutover-list", subList, headers, MigrationRun.class);
      } catch (CamelExecutionException e) {
        Throwable cause = OneShot.reason(e);
        if (cause instanceof InvalidInstanceListException) {
          System.err.print(BadInputReport.describe(cause));
          return 2;
        }
        System.err.println(
            "Cutover refused: " + InertText.escape(String.valueOf(cause.getMessage())));
        System.err.println("  log: " + log.file());
        return cause instanceof IllegalArgumentException ? 2 : 1;
      }
      return report(run, launcher.simulated(), log.file());
    }
  }

  private static int report(MigrationRun run, boolean simulated, Path logFile) {
    long total = run.migrations().size();
    long failed = run.failedCount();
    Downtimes d = Downtimes.of(run.migrations());
    System.out.println();
    System.out.printf(
        "Cutover %s%s: %d of %d instances cut over, %d failed%n",
        InertText.escape(run.runId()),
        simulated ? " (SIMULATED)" : "",
        total - failed,
        total,
        failed);
    System.out.printf(
        "  downtime (stop to image): p50 %d ms, p99 %d ms, max %d ms%n",
        d.p50Ms(), d.p99Ms(), d.maxMs());
    System.out.println("  results CSV: " + InertText.escape(String.valueOf(run.csvFile())));
    run.templateFiles()
        .forEach(
            f ->
                System.out.println("  CloudFormation template: " + InertText.escape(f.toString())));
    System.out.println("  log:         " + InertText.escape(logFile.toString()));
    run.migrations().stream()
        .filter(m -> m.isFailed())
        .forEach(
            m ->
                System.out.println(
                    "  FAILED "
                        + InertText.escape(m.error())
                        + (m.sourceState() == null ? "" : " [source " + m.sourceState() + "]")));
    return failed == 0 ? 0 : 1;
  }
}
