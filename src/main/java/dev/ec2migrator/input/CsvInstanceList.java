package dev.ec2migrator.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV instance list: a header naming known columns (instance_id among them), then one instance a
 * line. Each line is parsed on its own, so a problem names the line it is on.
 */
final class CsvInstanceList {
  static final List<String> COLUMNS =
      List.of(
          "instance_id",
          "source_region",
          "target_region",
          "target_subnet_id",
          "ssh_host",
          "ssh_user",
          "mount_points",
          "quiesce_mode");
  // Linux paths are at most 4095 characters (PATH_MAX 4096 with the NUL)
  static final int MAX_CELL_CHARS = 4096;

  private CsvInstanceList() {}

  static void read(String text, List<InstanceEntry> entries, ListProblems problems) {
    String[] lines = ListText.lines(text);
    List<String> header = null;
    for (int i = 0; i < lines.length && !problems.full(); i++) {
      String raw = lines[i];
      if (!ListText.isData(raw)) {
        continue;
      }
      int line = i + 1;
      if (problems.lineTooLong(raw, line)) {
        if (header == null) {
          return; // without its header no row can be read
        }
        continue;
      }
      List<String> cells;
      try {
        cells = cells(raw);
      } catch (IOException | RuntimeException e) {
        // values never need a line break, so a record spanning lines is an unterminated quote
        problems.add(line, "malformed CSV (unterminated or stray quote)");
        continue;
      }
      if (header == null) {
        header = header(cells, line, problems);
        if (header == null) {
          return;
        }
        continue;
      }
      if (cells.size() > header.size()) {
        problems.add(
            line, cells.size() + " values but the header names " + header.size() + " columns");
        continue;
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < cells.size(); c++) {
        row.put(header.get(c), cells.get(c).strip());
      }
      if (!cellsTooLong(row, line, problems)) {
        ListRow.entry(row, line, problems).ifPresent(entries::add);
      }
    }
  }

  private static List<String> cells(String raw) throws IOException {
    try (CSVParser parser = CSVParser.parse(raw, CSVFormat.RFC4180)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IllegalStateException("unterminated quote");
      }
      return records.get(0).toList();
    }
  }

  /** The header's column names, or null (with the problems noted) when it cannot be used. */
  private static List<String> header(List<String> cells, int line, ListProblems problems) {
    int before = problems.count();
    List<String> header = new ArrayList<>();
    for (String cell : cells) {
      String name = cell.strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        problems.add(
            line,
            "unknown column "
                + ListProblems.quote(cell)
                + " (known: "
                + String.join(", ", COLUMNS)
                + ")");
      } else if (header.contains(name)) {
        problems.add(line, "column '" + name + "' appears twice");
      }
      header.add(name);
    }
    if (!header.contains("instance_id")) {
      problems.add(line, "the header has no instance_id column");
    }
    return problems.count() == before ? header : null;
  }

  private static boolean cellsTooLong(Map<String, String> row, int line, ListProblems problems) {
    int before = problems.count();
    row.forEach(
        (column, value) -> {
          if (value.length() > MAX_CELL_CHARS) {
            problems.add(
                line,
                column
                    + " is "
                    + value.length()
                    + " characters, over the limit of "
                    + MAX_CELL_CHARS);
          }
        });
    return problems.count() > before;
  }
}
