package dev.ec2migrator.input;

import dev.ec2migrator.quiesce.MountPointRules;
import dev.ec2migrator.quiesce.QuiesceMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Validates a whole instance list (CSV with a header, or bare instance ids one a line) and derives
 * its run id. Every value that may later reach a shell, a CSV or a template is checked against a
 * strict pattern here, so nothing hostile gets past intake.
 */
public class InstanceListParser {
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
  private static final Pattern INSTANCE_ID = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]++-\\d");
  private static final Pattern SUBNET_ID = Pattern.compile("subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
  // one character-class loop, possessive: linear in the length, nothing to backtrack into
  private static final Pattern MOUNT_POINT = Pattern.compile("/[A-Za-z0-9._/-]*+");
  private static final int MAX_PROBLEMS = 20;
  // lengths are checked before any pattern or CSV parser sees a line or a value: a line holds
  // 7 short values, and Linux paths are at most 4095 characters (PATH_MAX 4096 with the NUL)
  static final int MAX_LINE_CHARS = 8192;
  static final int MAX_CELL_CHARS = 4096;
  // a value is quoted in a report only up to this length: every valid value (ids, regions, user
  // names, short hosts and paths) fits, a secret key (40) or a session token does not
  static final int MAX_QUOTED_CHARS = 32;

  private final long maxBytes;
  private final int maxInstances;

  public InstanceListParser(long maxBytes, int maxInstances) {
    this.maxBytes = maxBytes;
    this.maxInstances = maxInstances;
  }

  public InstanceList parse(byte[] content, String sourceName) {
    return parse(content, sourceName, null);
  }

  /** Parses and validates; {@code runId} null derives it from the file name and content. */
  public InstanceList parse(byte[] content, String sourceName, String runId) {
    if (content.length > maxBytes) {
      throw invalid(
          sourceName,
          "file is " + content.length + " bytes, over the limit of " + maxBytes + " bytes");
    }
    String text = decode(content, sourceName);
    List<String> problems = new ArrayList<>();
    List<InstanceEntry> entries = new ArrayList<>();
    String firstData = firstDataLine(text);
    if (firstData == null) {
      throw invalid(sourceName, "line 1: the file lists no instance");
    }
    if (firstData.toLowerCase(Locale.ROOT).contains("instance_id")) {
      parseCsv(text, entries, problems);
    } else {
      parseBareIds(text, entries, problems);
    }
    if (problems.isEmpty() && entries.isEmpty()) {
      problems.add("line 1: the file lists no instance");
    }
    if (entries.size() > maxInstances) {
      problems.add(
          "the file lists "
              + entries.size()
              + " instances, over the limit of "
              + maxInstances
              + " (migrator.input.max-instances)");
    }
    checkDuplicates(entries, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInstanceListException(sourceName, cap(problems));
    }
    String id = runId != null ? checkRunId(runId, sourceName) : deriveRunId(sourceName, content);
    return new InstanceList(id, sourceName, List.copyOf(entries));
  }

  private static String decode(byte[] content, String sourceName) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == 0) {
        throw invalid(sourceName, "line " + lineOf(content, i) + ": binary content (NUL byte)");
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw invalid(sourceName, "the file is not UTF-8 text (binary content?)");
    }
  }

  private static int lineOf(byte[] content, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (content[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String firstDataLine(String text) {
    for (String line : text.split("\r?\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        return trimmed;
      }
    }
    return null;
  }

  private void parseBareIds(String text, List<InstanceEntry> entries, List<String> problems) {
    String[] lines = text.split("\r?\n", -1);
    boolean first = true;
    for (int i = 0; i < lines.length && problems.size() < MAX_PROBLEMS; i++) {
      String value = lines[i].strip();
      if (value.isEmpty() || value.startsWith("#")) {
        continue;
      }
      int line = i + 1;
      if (tooLong(lines[i], line, problems)) {
        continue;
      }
      if (first && !INSTANCE_ID.matcher(value).matches()) {
        // not plausibly a list (a credentials file, a config): say so, show none of it
        problems.add(
            "line "
                + line
                + ": not an instance id or CSV header; the file does not look like an instance"
                + " list, so none of its content is shown");
        return;
      }
      first = false;
      if (!INSTANCE_ID.matcher(value).matches()) {
        problems.add(
            "line "
                + line
                + ": "
                + quote(value)
                + " is not an instance id (i- and 8 or 17 hex digits)"
                + (value.contains(",")
                    ? "; a CSV list needs a header line naming instance_id"
                    : ""));
        continue;
      }
      entries.add(new InstanceEntry(line, value, null, null, null, null, null, null, null, null));
    }
  }

  private void parseCsv(String text, List<InstanceEntry> entries, List<String> problems) {
    String[] lines = text.split("\r?\n", -1);
    List<String> header = null;
    for (int i = 0; i < lines.length && problems.size() < MAX_PROBLEMS; i++) {
      String raw = lines[i];
      if (raw.isBlank() || raw.strip().startsWith("#")) {
        continue;
      }
      int line = i + 1;
      if (tooLong(raw, line, problems)) {
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
        problems.add("line " + line + ": malformed CSV (unterminated or stray quote)");
        continue;
      }
      if (header == null) {
        header = checkHeader(cells, line, problems);
        if (header == null) {
          return;
        }
        continue;
      }
      if (cells.size() > header.size()) {
        problems.add(
            "line "
                + line
                + ": "
                + cells.size()
                + " values but the header names "
                + header.size()
                + " columns");
        continue;
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < cells.size(); c++) {
        row.put(header.get(c), cells.get(c).strip());
      }
      if (cellTooLong(row, line, problems)) {
        continue;
      }
      InstanceEntry entry = entry(row, line, problems);
      if (entry != null) {
        entries.add(entry);
      }
    }
  }

  private static boolean tooLong(String raw, int line, List<String> problems) {
    if (raw.length() <= MAX_LINE_CHARS) {
      return false;
    }
    problems.add(
        "line "
            + line
            + ": "
            + raw.length()
            + " characters, over the limit of "
            + MAX_LINE_CHARS
            + " per line");
    return true;
  }

  private static boolean cellTooLong(Map<String, String> row, int line, List<String> problems) {
    int before = problems.size();
    row.forEach(
        (column, value) -> {
          if (value.length() > MAX_CELL_CHARS) {
            problems.add(
                "line "
                    + line
                    + ": "
                    + column
                    + " is "
                    + value.length()
                    + " characters, over the limit of "
                    + MAX_CELL_CHARS);
          }
        });
    return problems.size() > before;
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

  private static List<String> checkHeader(List<String> cells, int line, List<String> problems) {
    List<String> header = new ArrayList<>();
    for (String cell : cells) {
      String name = cell.strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        problems.add(
            "line "
                + line
                + ": unknown column "
                + quote(cell)
                + " (known: "
                + String.join(", ", COLUMNS)
                + ")");
      } else if (header.contains(name)) {
        problems.add("line " + line + ": column '" + name + "' appears twice");
      }
      header.add(name);
    }
    if (!header.contains("instance_id")) {
      problems.add("line " + line + ": the header has no instance_id column");
    }
    return problems.isEmpty() ? header : null;
  }

  private static InstanceEntry entry(Map<String, String> row, int line, List<String> problems) {
    int before = problems.size();
    String id = row.getOrDefault("instance_id", "");
    check(id, INSTANCE_ID, line, "instance_id", "i- and 8 or 17 hex digits", problems);
    String sourceRegion =
        optional(row, "source_region", REGION, line, "a region like eu-west-1", problems);
    String targetRegion =
        optional(row, "target_region", REGION, line, "a region like eu-west-1", problems);
    String subnet =
        optional(
            row, "target_subnet_id", SUBNET_ID, line, "subnet- and 8 or 17 hex digits", problems);
    String user = optional(row, "ssh_user", USER, line, "a Linux user name", problems);
    String host = null;
    Integer port = null;
    String hostValue = row.get("ssh_host");
    if (hostValue != null && !hostValue.isEmpty()) {
      String[] parts = hostValue.split(":", -1);
      host = parts[0];
      if (parts.length > 2 || !HOST.matcher(host).matches()) {
        problems.add(
            "line " + line + ": ssh_host " + quote(hostValue) + " is not host or host:port");
      } else if (parts.length == 2) {
        port = port(parts[1]);
        if (port == null) {
          problems.add("line " + line + ": ssh_host " + quote(hostValue) + " has an invalid port");
        }
      }
    }
    List<String> mountPoints = null;
    String mounts = row.get("mount_points");
    if (mounts != null && !mounts.isEmpty()) {
      mountPoints = Arrays.stream(mounts.split(";")).map(String::strip).toList();
      for (String mp : mountPoints) {
        if (!MOUNT_POINT.matcher(mp).matches()
            || mp.contains("//")
            || mp.contains("/../")
            || mp.endsWith("/..")) {
          problems.add(
              "line "
                  + line
                  + ": mount point "
                  + quote(mp)
                  + " is not an absolute path of letters, digits, '.', '_', '-' and '/'");
        } else if (MountPointRules.refusal(mp) != null) {
          problems.add("line " + line + ": " + MountPointRules.refusal(mp));
        }
      }
    }
    String mode = row.get("quiesce_mode");
    if (mode != null && !mode.isEmpty() && QuiesceMode.parse(mode) == null) {
      problems.add(
          "line " + line + ": quiesce_mode " + quote(mode) + " is not " + QuiesceMode.allowed());
    }
    if (problems.size() > before) {
      return null;
    }
    return new InstanceEntry(
        line,
        id,
        sourceRegion,
        targetRegion,
        subnet,
        host,
        port,
        user,
        mountPoints,
        mode == null || mode.isEmpty() ? null : mode);
  }

  private static Integer port(String value) {
    if (!value.matches("\\d{1,5}")) {
      return null;
    }
    int port = Integer.parseInt(value);
    return port >= 1 && port <= 65535 ? port : null;
  }

  private static String optional(
      Map<String, String> row,
      String column,
      Pattern pattern,
      int line,
      String expected,
      List<String> problems) {
    String value = row.get(column);
    if (value == null || value.isEmpty()) {
      return null;
    }
    check(value, pattern, line, column, expected, problems);
    return value;
  }

  private static void check(
      String value,
      Pattern pattern,
      int line,
      String column,
      String expected,
      List<String> problems) {
    if (!pattern.matcher(value).matches()) {
      problems.add("line " + line + ": " + column + " " + quote(value) + " is not " + expected);
    }
  }

  private static void checkDuplicates(List<InstanceEntry> entries, List<String> problems) {
    Map<String, Integer> seen = new HashMap<>();
    for (InstanceEntry entry : entries) {
      Integer first = seen.putIfAbsent(entry.instanceId(), entry.line());
      if (first != null) {
        problems.add(
            "line "
                + entry.line()
                + ": duplicate instance id "
                + entry.instanceId()
                + " (first on line "
                + first
                + ")");
      }
    }
  }

  private static List<String> cap(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return problems;
    }
    List<String> capped = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    capped.add("... and " + (problems.size() - MAX_PROBLEMS) + " more problems");
    return capped;
  }

  private static String checkRunId(String runId, String sourceName) {
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
      throw invalid(sourceName, "run id " + quote(runId) + " is not letters, digits and '-'");
    }
    return runId;
  }

  /** File stem plus a short content hash: the same file dropped again resumes the same run. */
  static String deriveRunId(String sourceName, byte[] content) {
    String name = sourceName.replaceAll(".*[/\\\\]", "");
    int dot = name.lastIndexOf('.');
    String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9-]+", "-");
    stem = stem.replaceAll("^-+|-+$", "");
    if (stem.length() > 40) {
      stem = stem.substring(0, 40);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      String shortHash = HexFormat.of().formatHex(hash).substring(0, 8);
      return (stem.isEmpty() ? "run" : stem) + "-" + shortHash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidInstanceListException invalid(String sourceName, String problem) {
    return new InvalidInstanceListException(sourceName, List.of(problem));
  }

  /**
   * A value as a report may show it: quoted with control characters escaped, or only its length
   * when it is longer than any valid value (what is not plausibly list data is never echoed).
   */
  static String quote(String value) {
    if (value.length() > MAX_QUOTED_CHARS) {
      return "(" + value.length() + " characters, not shown)";
    }
    StringBuilder out = new StringBuilder("'");
    value
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('\'').toString();
  }
}
