package dev.ec2migrator.input;

import java.util.List;

/** A list of bare instance ids, one a line (blank lines and '#' comments allowed). */
final class BareIdList {
  private BareIdList() {}

  static void read(String text, List<InstanceEntry> entries, ListProblems problems) {
    String[] lines = ListText.lines(text);
    boolean first = true;
    for (int i = 0; i < lines.length && !problems.full(); i++) {
      if (!ListText.isData(lines[i])) {
        continue;
      }
      int line = i + 1;
      if (problems.lineTooLong(lines[i], line)) {
        continue;
      }
      String value = lines[i].strip();
      boolean valid = Identifier.INSTANCE_ID.matches(value);
      if (first && !valid) {
        // not plausibly a list (a credentials file, a config): say so, show none of it
        problems.add(
            line,
            "not an instance id or CSV header; the file does not look like an instance list, so"
                + " none of its content is shown");
        return;
      }
      first = false;
      if (!valid) {
        problems.add(
            line,
            ListProblems.quote(value)
                + " is not an instance id ("
                + Identifier.INSTANCE_ID.expected()
                + ")"
                + (value.contains(",")
                    ? "; a CSV list needs a header line naming instance_id"
                    : ""));
        continue;
      }
      entries.add(new InstanceEntry(line, value, null, null, null, null, null, null, null, null));
    }
  }
}
