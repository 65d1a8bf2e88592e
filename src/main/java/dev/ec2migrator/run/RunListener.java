package dev.ec2migrator.run;

/** Told when a run opens and when it closes (monitoring, the run report); must not throw. */
public interface RunListener {
  default void opened(MigrationRun run) {}

  default void closed(MigrationRun run) {}
}
