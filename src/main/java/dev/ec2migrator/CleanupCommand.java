package dev.ec2migrator;

import dev.ec2migrator.cleanup.CleanupItem;
import dev.ec2migrator.cleanup.CleanupPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Lists, then deletes, what a run made that is no longer needed. Exit 0 done, 1 some deletion
 * failed, 2 bad input (nothing deleted).
 */
@Command(
    name = "cleanup",
    description = "Delete what a run made and no longer needs: by default its source snapshots.")
final class CleanupCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "the run id (outbox/<run>.csv)")
  String runId;

  @ArgGroup(exclusive = true)
  Scope scope;

  static final class Scope {
    @Option(names = "--failed", description = "also the copies and images of FAILED instances")
    boolean failed;

    @Option(
        names = "--all",
        description = "everything the run made: stacks, images, copies, snapshots (a rollback)")
    boolean all;
  }

  @Option(names = "--dry-run", description = "only list what would be deleted and the GiB it frees")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> headers = new HashMap<>();
    headers.put("MigratorRunId", runId);
    headers.put(
        "MigratorCleanupScope",
        scope == null ? "source" : scope.all ? "all" : scope.failed ? "failed" : "source");
    headers.put("MigratorDryRun", dryRun);
    return OneShot.requestRun(
        Launcher.forProfile(app.profile()),
        "Cleanup",
        "direct:cleanup-run",
        headers,
        CleanupPlan.class,
        CleanupCommand::report);
  }

  private static int report(CleanupPlan plan) {
    System.out.println();
    plan.listing().forEach(line -> System.out.println("  " + line));
    long listed = plan.items().stream().filter(i -> !i.kept()).count();
    if (plan.dryRun()) {
      System.out.printf(
          "Run %s: would delete %d resources, freeing %d GiB (dry run: nothing deleted)%n",
          plan.runId(), listed, plan.gibToFree());
      return 0;
    }
    System.out.printf(
        "Run %s: deleted %d of %d listed resources, freed %d GiB%n",
        plan.runId(), plan.deleted().size(), listed, plan.gibFreed());
    for (CleanupItem item : plan.deleted()) {
      System.out.println("  deleted " + item.kind() + " " + item.id());
    }
    plan.failures().forEach(f -> System.out.println("  FAILED " + f));
    return plan.failures().isEmpty() ? 0 : 1;
  }
}
