package dev.ec2migrator.cleanup;

/**
 * One resource the run made, with what deleting it frees and, when it must stay, why.
 *
 * @param kind stack, image or snapshot (deleted in that order: an image before its snapshots)
 * @param keepReason null when it is to be deleted
 */
public record CleanupItem(
    String kind, String region, String id, long gib, String what, String keepReason) {

  public boolean kept() {
    return keepReason != null;
  }

  public String line() {
    String base =
        kind + " " + id + " (" + region + (gib > 0 ? ", " + gib + " GiB" : "") + ") " + what;
    return kept() ? "KEEP   " + base + ": " + keepReason : "DELETE " + base;
  }
}
