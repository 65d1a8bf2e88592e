package dev.ec2migrator.monitor;

import dev.ec2migrator.input.InboxFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the SSH private key is readable (unless quiescing is off), the inbox (when watched)
 * and the outbox are writable folders, or can be created, and the inbox's .done/ and .error/ are
 * real folders of this user (not links).
 */
public class LocalFilesHealthCheck extends AbstractHealthCheck {
  private final Path privateKey;
  private final Path inbox;
  private final Path outbox;

  /**
   * @param privateKey null when no SSH is used
   * @param inbox null when the inbox is not watched
   */
  public LocalFilesHealthCheck(Path privateKey, Path inbox, Path outbox) {
    super("migrator", "local-files");
    this.privateKey = privateKey;
    this.inbox = inbox;
    this.outbox = outbox;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (privateKey != null) {
      if (!Files.isRegularFile(privateKey) || !Files.isReadable(privateKey)) {
        problems.put("ssh-private-key", privateKey + " is not a readable file");
      }
      builder.detail("ssh-private-key", privateKey.toString());
    }
    if (inbox != null) {
      folder("inbox", inbox, problems);
      String unsafe = new InboxFolders(inbox).problem();
      if (unsafe != null) {
        problems.put("inbox-folders", unsafe + " (the inbox takes nothing until it is fixed)");
      }
      builder.detail("inbox", inbox.toString());
    }
    folder("outbox", outbox, problems);
    builder.detail("outbox", outbox.toString());
    problems.forEach((k, v) -> builder.detail(k + "-problem", v));
    if (problems.isEmpty()) {
      builder.up();
    } else {
      builder.message(String.join("; ", problems.values())).down();
    }
  }

  private static void folder(String what, Path dir, Map<String, String> problems) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent(); // a missing folder is fine if it can be created
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      problems.put(what, dir + " is not a writable folder");
    }
  }
}
