package dev.ec2migrator.cloudformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deletes the run's templates from an earlier render that this one did not rewrite (a re-render
 * after a hand edit can need fewer parts), so that no stale part is ever deployed next to the new
 * ones.
 */
public class StaleTemplateRemover {

  /**
   * @param networkFile the network stack's template, or null when the run has none
   * @return every template of the run, the network's first
   */
  public List<String> removeOthers(List<String> written, String runId, String networkFile) {
    List<String> all = new java.util.ArrayList<>();
    if (networkFile != null) {
      all.add(networkFile);
    }
    all.addAll(written);
    Path outbox = Path.of(written.get(0)).toAbsolutePath().getParent();
    Set<Path> keep = all.stream().map(f -> Path.of(f).toAbsolutePath()).collect(Collectors.toSet());
    Pattern ofThisRun =
        Pattern.compile(
            Pattern.quote(runId) + "(\\.network|\\.part-\\d+-of-\\d+)?\\.cloudformation\\.yaml");
    try (Stream<Path> files = Files.list(outbox)) {
      for (Path file : files.toList()) {
        if (ofThisRun.matcher(file.getFileName().toString()).matches()
            && !keep.contains(file.toAbsolutePath())) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }
}
