package dev.ec2migrator.cloudformation;

import dev.ec2migrator.output.SpreadsheetSafe;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads the results CSV with commons-csv rather than the csv data format because errors must name
 * the physical line a record starts on, and cells may span lines.
 */
public class ResultsCsvReader {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          // a column added twice by hand would make it ambiguous which value counts
          .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
          .get();

  public List<ResultRow> read(String csv) {
    // spreadsheets saving "CSV UTF-8" put a byte order mark first; it is not part of the header
    String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
      checkHeader(parser.getHeaderNames());
      List<ResultRow> rows = new ArrayList<>();
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        long line = parser.getCurrentLineNumber() + 1;
        if (!records.hasNext()) {
          break;
        }
        CSVRecord record = records.next();
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue;
        }
        rows.add(toRow(line, record));
      }
      if (rows.isEmpty()) {
        throw new InvalidResultsCsvException("results CSV has no rows");
      }
      return rows;
    } catch (InvalidResultsCsvException e) {
      throw e;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      // commons-csv reports broken quoting and duplicate header names this way
      throw new InvalidResultsCsvException("results CSV cannot be parsed: " + e.getMessage());
    }
  }

  private static void checkHeader(List<String> names) {
    if (names.isEmpty()) {
      throw new InvalidResultsCsvException("results CSV is empty (no header line)");
    }
    for (ResultColumn column : ResultColumn.values()) {
      if (!column.optional() && !names.contains(column.header())) {
        throw new InvalidResultsCsvException(1, "missing column " + column.header());
      }
    }
  }

  private static ResultRow toRow(long line, CSVRecord record) {
    if (!record.isConsistent()) {
      throw new InvalidResultsCsvException(
          line,
          "has "
              + record.size()
              + " cells, the header has "
              + record.getParser().getHeaderNames().size());
    }
    Map<String, String> cells = new LinkedHashMap<>();
    Arrays.stream(ResultColumn.values())
        .forEach(
            c ->
                cells.put(
                    c.header(),
                    record.isMapped(c.header())
                        ? SpreadsheetSafe.unescape(record.get(c.header()))
                        : ""));
    return new ResultRow(line, cells);
  }
}
