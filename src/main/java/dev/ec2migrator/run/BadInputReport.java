package dev.ec2migrator.run;

import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.security.InertText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <inbox>/.error/<file>.error.txt} beside a rejected list (the file consumer moves
 * the list there): which line and why, and whether anything was done.
 */
public class BadInputReport {
  private static final Logger LOG = LoggerFactory.getLogger(BadInputReport.class);

  public void write(Exchange exchange) throws IOException {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String text = describe(cause);
    LOG.error("{}", text);
    String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
    String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    if (parent == null || name == null) {
      return; // the migrate command reports it itself
    }
    Path dir = Path.of(parent).resolve(".error");
    Files.createDirectories(dir);
    Path report = dir.resolve(name + ".error.txt");
    Path temp = dir.resolve("." + name + ".error.txt.part");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static String describe(Throwable cause) {
    StringBuilder out = new StringBuilder();
    if (cause instanceof InvalidInstanceListException invalid) {
      out.append("The instance list was rejected at ")
          .append(Instant.now())
          .append(". Nothing was done: no instance was touched.\n");
      // a problem may quote the list: one line each, whatever the quoted text holds
      invalid.problems().forEach(p -> out.append("  ").append(InertText.escape(p)).append('\n'));
      out.append("Fix the file and drop it into the inbox again.\n");
    } else {
      out.append("The run failed at ")
          .append(Instant.now())
          .append(": ")
          .append(cause == null ? "unknown error" : InertText.escape(cause.getMessage()))
          .append(
              "\nWhat was already made is tagged with the run id; drop the same file again to"
                  + " resume.\n");
    }
    return out.toString();
  }
}
