package dev.ec2migrator.run;

import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** One run: a validated instance list and the migration of each of its instances. */
public class MigrationRun {
  private final InstanceList list;
  private final List<InstanceMigration> migrations;
  private final Instant startedAt = Instant.now();
  private volatile Instant finishedAt;
  private volatile Path csvFile;
  private final List<Path> templateFiles = new CopyOnWriteArrayList<>();

  public MigrationRun(InstanceList list, List<InstanceMigration> migrations) {
    this.list = list;
    this.migrations = List.copyOf(migrations);
  }

  /** The run of a validated list: an entry without its own regions takes the configured ones. */
  public static MigrationRun of(
      InstanceList list, String defaultSourceRegion, String defaultTargetRegion) {
    return new MigrationRun(
        list,
        list.entries().stream()
            .map(
                entry ->
                    new InstanceMigration(
                        list.runId(),
                        entry,
                        Objects.requireNonNullElse(entry.sourceRegion(), defaultSourceRegion),
                        Objects.requireNonNullElse(entry.targetRegion(), defaultTargetRegion)))
            .toList());
  }

  public String runId() {
    return list.runId();
  }

  public String sourceName() {
    return list.sourceName();
  }

  public List<InstanceMigration> migrations() {
    return migrations;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public void finished() {
    this.finishedAt = Instant.now();
  }

  public boolean isFinished() {
    return finishedAt != null;
  }

  public long count(Stage stage) {
    return migrations.stream().filter(m -> m.stage() == stage).count();
  }

  public long failedCount() {
    return count(Stage.FAILED);
  }

  public Path csvFile() {
    return csvFile;
  }

  public void csvWritten(Path file) {
    this.csvFile = file;
  }

  public List<Path> templateFiles() {
    return templateFiles;
  }

  public void templatesWritten(List<?> files) {
    templateFiles.clear();
    files.forEach(f -> templateFiles.add(Path.of(f.toString())));
  }
}
