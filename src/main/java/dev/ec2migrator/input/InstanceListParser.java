package dev.ec2migrator.input;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates a whole instance list (CSV with a header, or bare instance ids one a line) and derives
 * its run id. Every problem of the list is reported at once, each naming its line.
 */
public class InstanceListParser {
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
      throw ListText.invalid(
          sourceName,
          "file is " + content.length + " bytes, over the limit of " + maxBytes + " bytes");
    }
    String text = ListText.decode(content, sourceName);
    String firstData = ListText.firstDataLine(text);
    if (firstData == null) {
      throw ListText.invalid(sourceName, "line 1: the file lists no instance");
    }
    ListProblems problems = new ListProblems();
    List<InstanceEntry> entries = new ArrayList<>();
    if (firstData.toLowerCase(Locale.ROOT).contains("instance_id")) {
      CsvInstanceList.read(text, entries, problems);
    } else {
      BareIdList.read(text, entries, problems);
    }
    if (problems.isEmpty() && entries.isEmpty()) {
      problems.add(1, "the file lists no instance");
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
      throw new InvalidInstanceListException(sourceName, problems.reported());
    }
    String id =
        runId != null ? RunIds.checked(runId, sourceName) : RunIds.derived(sourceName, content);
    return new InstanceList(id, sourceName, List.copyOf(entries));
  }

  private static void checkDuplicates(List<InstanceEntry> entries, ListProblems problems) {
    Map<String, Integer> seen = new HashMap<>();
    for (InstanceEntry entry : entries) {
      Integer first = seen.putIfAbsent(entry.instanceId(), entry.line());
      if (first != null) {
        problems.add(
            entry.line(),
            "duplicate instance id " + entry.instanceId() + " (first on line " + first + ")");
      }
    }
  }
}
