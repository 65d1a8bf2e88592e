package dev.ec2migrator;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How separate processes share one demo world: {@code simulate} writes where its simulators listen
 * (endpoints, SSH port, the paths of its key and known_hosts files; no key itself) into {@code
 * <migrator.outbox>/simulated-world.properties}, owner-only, and deletes it when it stops; a
 * command run with {@code --profile simulated} reads it over the configuration. So {@code sync},
 * {@code sync} again and {@code cutover} each run in their own JVM against the same fleet,
 * snapshots and copies, as they would against AWS.
 */
final class SimulatedWorldFile {
  static final String PROFILE = "simulated";

  private SimulatedWorldFile() {}

  static Path in(Path outbox) {
    return outbox.resolve("simulated-world.properties").toAbsolutePath();
  }

  /** Written whole or not at all (temp file, then rename), readable by its owner only. */
  static void write(Path file, Map<String, String> properties) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp =
        Files.createTempFile(
            file.getParent(),
            ".simulated-world",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties p = new Properties();
    p.putAll(new TreeMap<>(properties));
    try (Writer w = Files.newBufferedWriter(tmp)) {
      p.store(w, "the demo world of a running `simulate`: use it with --profile " + PROFILE);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** For {@code --profile simulated}: the file, or why there is none. */
  static Path required(Path outbox) {
    Path file = in(outbox);
    if (!Files.isRegularFile(file)) {
      throw new NoWorld(
          "--profile "
              + PROFILE
              + " uses the demo world of a running `simulate`, and there is none: "
              + file
              + " does not exist (start `simulate` first, from the same folder)");
    }
    return file;
  }

  /** No running {@code simulate} to use: the command says so and exits 2. */
  static final class NoWorld extends IllegalStateException {
    NoWorld(String message) {
      super(message);
    }
  }
}
