package dev.ec2migrator.model;

/**
 * Where a snapshot of a two-phase migration belongs: the sync run (the instance list's run id), the
 * pass (1, 2, ... for the warm passes; the cutover's pass follows the last warm one) and whether it
 * is the cutover's final pass. Tagged on every snapshot and copy, so a rerun finds the lineage in
 * EC2 and needs no local state.
 */
public record SyncLineage(String syncRun, int pass, boolean cutover) {
  public static final String SYNC = "sync";
  public static final String CUTOVER = "cutover";

  /** The value of the phase tag. */
  public String phase() {
    return cutover ? CUTOVER : SYNC;
  }
}
