package dev.ec2migrator;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: service mode (watch the inbox) when no command is given, or one of the
 * commands. Exit codes: 0 all migrated, 1 some instances failed, 2 bad input (nothing done).
 */
@Command(
    name = "ec2-region-migrator",
    mixinStandardHelpOptions = true,
    description =
        "Migrates EC2 instances to another region (service mode when no command is given).",
    subcommands = {
      MigrateCommand.class,
      SyncCommand.class,
      CutoverCommand.class,
      CheckCommand.class,
      TemplateCommand.class,
      SudoersCommand.class,
      IamPolicyCommand.class,
      DeployCommand.class,
      CleanupCommand.class,
      SimulateCommand.class,
      BenchCommand.class,
      StatusCommand.class
    })
public final class MigratorApp implements Callable<Integer> {
  @Option(
      names = "--profile",
      description =
          "demo (default: embedded simulators), simulated (the world of a running `simulate`)"
              + " or aws",
      scope = CommandLine.ScopeType.INHERIT)
  String profile;

  private MigratorApp() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command and returns its exit code. */
  public static int execute(String... args) {
    return new CommandLine(new MigratorApp())
        .setExecutionExceptionHandler(
            (e, commandLine, parsed) -> {
              if (e instanceof SimulatedWorldFile.NoWorld) {
                commandLine.getErr().println(e.getMessage());
                return 2;
              }
              throw e;
            })
        .execute(args);
  }

  /** Service mode: watch the inbox, JMX and Jolokia on, until stopped. */
  @Override
  public Integer call() throws Exception {
    Launcher.forProfile(profile).run();
    return 0;
  }

  String profile() {
    return profile;
  }
}
