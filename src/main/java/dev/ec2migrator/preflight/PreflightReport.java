package dev.ec2migrator.preflight;

import dev.ec2migrator.output.OwnerOnly;
import dev.ec2migrator.output.SpreadsheetSafe;
import dev.ec2migrator.run.MigrationRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code check} command's CSV, {@code outbox/<run>.preflight.csv} (0600): one row per instance
 * in list order with its verdict, reasons and notes; every cell spreadsheet-safe.
 */
public class PreflightReport {
  public static final List<String> COLUMNS =
      List.of(
          "run_id",
          "instance_id",
          "instance_name",
          "source_region",
          "target_region",
          "verdict",
          "reasons",
          "notes");

  /** What the check of one list found, and where the CSV went. */
  public record Checked(MigrationRun run, List<Verdict> verdicts, Path csvFile) {
    public long notReady() {
      return verdicts.stream().filter(v -> !v.ready()).count();
    }
  }

  private final Path outbox;

  public PreflightReport(String outbox) {
    this.outbox = Path.of(outbox);
  }

  public Checked write(MigrationRun run, List<Verdict> verdicts) throws IOException {
    List<Verdict> inOrder =
        verdicts.stream()
            .sorted(Comparator.comparingInt(v -> v.migration().entry().line()))
            .toList();
    StringWriter csv = new StringWriter();
    try (CSVPrinter printer =
        CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get().print(csv)) {
      for (Verdict v : inOrder) {
        var m = v.migration();
        printer.printRecord(
            List.of(
                    m.runId(),
                    m.instanceId(),
                    m.source() == null ? "" : m.source().name(),
                    m.sourceRegion(),
                    m.targetRegion(),
                    v.status(),
                    v.reasons(),
                    v.notes() == null ? "" : v.notes())
                .stream()
                .map(SpreadsheetSafe::escape)
                .toList());
      }
    }
    OwnerOnly.directory(outbox);
    Path file =
        OwnerOnly.write(
            outbox.resolve(run.runId() + ".preflight.csv"),
            csv.toString().getBytes(StandardCharsets.UTF_8));
    return new Checked(run, inOrder, file);
  }
}
