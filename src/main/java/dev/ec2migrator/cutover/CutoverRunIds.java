package dev.ec2migrator.cutover;

import dev.ec2migrator.input.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The run id of a cutover: {@code <sync run>-cutover} for the whole run, {@code <sync
 * run>-cutover-<6 hex digits of the wave or sub-list>} for a part of it, so each wave has its own
 * results, templates and stacks, and a rerun of the same wave resumes it.
 */
final class CutoverRunIds {
  private CutoverRunIds() {}

  /**
   * @param part the wave ({@code Key=Value}) or the sub-list's instance ids; null for the whole run
   */
  static String of(String syncRun, String part) {
    String id = syncRun + "-cutover" + (part == null ? "" : "-" + shortHash(part));
    if (!Identifier.RUN_ID.matches(id)) {
      throw new IllegalArgumentException(
          "the cutover's run id "
              + id
              + " is not "
              + Identifier.RUN_ID.expected()
              + ": give the sync a shorter --run-id");
    }
    return id;
  }

  private static String shortHash(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
