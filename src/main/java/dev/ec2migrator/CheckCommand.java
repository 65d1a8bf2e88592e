package dev.ec2migrator;

import dev.ec2migrator.preflight.PreflightReport;
import dev.ec2migrator.preflight.Verdict;
import dev.ec2migrator.security.InertText;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * The preflight on its own: reads the list as migrate does, describes it, and gives every instance
 * a verdict (READY or NOT READY with reasons) without creating anything. Exit 0 all ready, 1 some
 * not, 2 bad input.
 */
@Command(
    name = "check",
    description = "Preflight of one list: a verdict per instance, nothing created.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Mixin ListOptions list;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    return list.request(
        launcher,
        ".check",
        "direct:check-run",
        PreflightReport.Checked.class,
        (camel, runId) -> () -> {},
        (checked, log) -> {
          print(checked, launcher.simulated(), System.out);
          System.out.println("  log:           " + InertText.escape(log.toString()));
          return checked.notReady() == 0 ? 0 : 1;
        });
  }

  /** The table: instance, verdict, reasons (and notes); every value through InertText. */
  static void print(PreflightReport.Checked checked, boolean simulated, PrintStream out) {
    out.printf("%-21s %-10s %s%n", "INSTANCE", "VERDICT", "REASONS");
    for (Verdict v : checked.verdicts()) {
      String reasons = v.ready() ? "" : v.reasons();
      if (v.notes() != null) {
        reasons = reasons.isEmpty() ? "note: " + v.notes() : reasons + "; note: " + v.notes();
      }
      out.printf(
          "%-21s %-10s %s%n",
          InertText.escape(v.migration().instanceId()), v.status(), InertText.escape(reasons));
    }
    out.println();
    out.printf(
        "Check of %s%s: %d of %d instances ready, %d not ready; nothing was created%n",
        InertText.escape(checked.run().runId()),
        simulated ? " (SIMULATED)" : "",
        checked.verdicts().size() - checked.notReady(),
        checked.verdicts().size(),
        checked.notReady());
    out.println("  preflight CSV: " + InertText.escape(checked.csvFile().toString()));
  }
}
