package dev.ec2migrator.input;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A run's id: given on the command line (checked), or derived from the list file. */
final class RunIds {
  // the stem keeps a derived id (stem, '-', 8 hex digits) within the run id's 64 characters
  private static final int MAX_STEM_CHARS = 40;

  private RunIds() {}

  static String checked(String runId, String sourceName) {
    if (!Identifier.RUN_ID.matches(runId)) {
      throw ListText.invalid(
          sourceName,
          "run id " + ListProblems.quote(runId) + " is not " + Identifier.RUN_ID.expected());
    }
    return runId;
  }

  /** File stem plus a short content hash: the same file dropped again resumes the same run. */
  static String derived(String sourceName, byte[] content) {
    String name = sourceName.replaceAll(".*[/\\\\]", "");
    int dot = name.lastIndexOf('.');
    String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9-]+", "-");
    stem = stem.replaceAll("^-+|-+$", "");
    if (stem.length() > MAX_STEM_CHARS) {
      stem = stem.substring(0, MAX_STEM_CHARS);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      String shortHash = HexFormat.of().formatHex(hash).substring(0, 8);
      return (stem.isEmpty() ? "run" : stem) + "-" + shortHash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
