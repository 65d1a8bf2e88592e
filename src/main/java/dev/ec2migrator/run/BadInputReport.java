package dev.ec2migrator.run;

import dev.ec2migrator.input.InboxFolders;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.output.OwnerOnly;
import dev.ec2migrator.security.InertText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes {@code <inbox>/.error/<file>.error.txt} (0600) beside a rejected list (the file consumer
 * moves the list there): which line and why, and whether anything was done. It never quotes what
 * the parser did not (see InstanceListParser#quote) and never a stack trace: an unexpected error is
 * reported as internal, with a reference to the one log entry that has the details.
 */
public class BadInputReport {
  private static final Logger LOG = LoggerFactory.getLogger(BadInputReport.class);

  public void write(Exchange exchange) throws IOException {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String text = describe(cause);
    String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
    String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    if (parent == null || name == null) {
      LOG.error("{}", text.strip());
      return; // the migrate command reports it itself
    }
    LOG.error("{}: {}", name, text.strip());
    writeReport(new InboxFolders(Path.of(parent)), name, text);
  }

  /** An inbox entry refused before it was opened (not a regular file): its report. */
  public void refused(InboxFolders folders, String name, String problem) {
    String text =
        rejected(
            new InvalidInstanceListException(
                folders.inbox().resolve(name).toString(), List.of(problem)));
    LOG.error("{}: {}", name, text.strip());
    try {
      writeReport(folders, name, text);
    } catch (IOException e) {
      LOG.error(
          "{}: the report could not be written to {}: {}", name, folders.error(), e.toString());
    }
  }

  private static void writeReport(InboxFolders folders, String name, String text)
      throws IOException {
    String unsafe = folders.problem();
    if (unsafe != null) {
      // never write through a link or into someone else's folder
      LOG.error("{}: report not written: {}", name, unsafe);
      return;
    }
    OwnerOnly.directory(folders.error());
    OwnerOnly.write(
        folders.error().resolve(name + ".error.txt"), text.getBytes(StandardCharsets.UTF_8));
  }

  public static String describe(Throwable cause) {
    InvalidInstanceListException invalid = find(cause, InvalidInstanceListException.class);
    if (invalid != null) {
      return rejected(invalid);
    }
    if (cause instanceof RunInProgressException inProgress) {
      return "Not started at " + Instant.now() + ": " + inProgress.getMessage() + "\n";
    }
    if (runFailure(cause)) {
      return "The run failed at "
          + Instant.now()
          + ": "
          + InertText.escape(cause.getMessage())
          + "\nWhat was already made is tagged with the run id; drop the same file again to"
          + " resume.\n";
    }
    String reference = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("Internal error, reference {}", reference, cause);
    return "An internal error stopped the run at "
        + Instant.now()
        + " (reference "
        + reference
        + "): see the migrator's log for this reference. The list was not the cause; report the"
        + " error before dropping it again.\n";
  }

  private static String rejected(InvalidInstanceListException invalid) {
    StringBuilder out = new StringBuilder();
    out.append("The instance list was rejected at ")
        .append(Instant.now())
        .append(". Nothing was done: no instance was touched.\n");
    invalid.problems().forEach(p -> out.append("  ").append(InertText.escape(p)).append('\n'));
    out.append("Fix the file and drop it into the inbox again.\n");
    return out.toString();
  }

  /**
   * AWS or the local disk failed the run (past the retries): what was made is tagged, so the same
   * list resumes. Anything else is a fault of the migrator.
   */
  private static boolean runFailure(Throwable cause) {
    return find(cause, MigrationException.class) != null
        || find(cause, SdkException.class) != null
        || find(cause, IOException.class) != null
        || find(cause, UncheckedIOException.class) != null
        || find(cause, GenericFileOperationFailedException.class) != null;
  }

  private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
