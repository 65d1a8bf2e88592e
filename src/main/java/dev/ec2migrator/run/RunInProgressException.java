package dev.ec2migrator.run;

/** The same list (same run id) was dropped again while its run is still going. */
public class RunInProgressException extends IllegalStateException {
  public RunInProgressException(String runId) {
    super("run " + runId + " is already in progress; drop a changed file or give --run-id");
  }
}
