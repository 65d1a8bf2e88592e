package dev.ec2migrator;

import dev.ec2migrator.deploy.Verification;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Creates or updates a run's stacks in the target region and verifies every new instance. Exit 0
 * all verified, 1 a stack failed or some instance is not verified, 2 bad input (nothing created).
 */
@Command(
    name = "deploy",
    description = "Create the run's CloudFormation stacks, verify the new instances.")
final class DeployCommand implements Callable<Integer> {
  @ParentCommand MigratorApp app;

  @Parameters(index = "0", description = "the run id (outbox/<run>.csv and its templates)")
  String runId;

  @Option(
      names = "--parameters",
      description = "stack parameters, the AWS CLI's JSON file format (default: derived)")
  String parametersFile;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> headers = new HashMap<>();
    headers.put("MigratorRunId", runId);
    headers.put("MigratorParametersFile", parametersFile);
    return OneShot.requestRun(
        Launcher.forProfile(app.profile()),
        "Deploy",
        "direct:deploy-run",
        headers,
        Verification.class,
        DeployCommand::report);
  }

  private static int report(Verification v) {
    System.out.println();
    System.out.printf(
        "Run %s: %d of %d new instances verified in %s%n",
        v.runId(), v.verifiedCount(), v.deployedCount(), v.region());
    System.out.println("  instances CSV: " + v.instancesCsv());
    v.problems().forEach(p -> System.out.println("  " + p));
    return v.allVerified() ? 0 : 1;
  }
}
