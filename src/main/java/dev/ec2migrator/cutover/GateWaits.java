package dev.ec2migrator.cutover;

import dev.ec2migrator.model.InstanceMigration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long hosts waited at one of the cutover's gates (real time, from their first look to their
 * turn): where a wave's cutover spends its time. Not thread-safe: its {@link CutoverAdmission}
 * holds the lock.
 */
public final class GateWaits {
  private final Map<InstanceMigration, Long> since = new HashMap<>();
  private int hosts;
  private double totalMs;
  private double maxMs;

  /**
   * @param hosts hosts that passed the gate
   * @param waitedMs the sum of their waits
   * @param maxMs the longest wait
   */
  public record Figures(int hosts, double waitedMs, double maxMs) {}

  void waiting(InstanceMigration m) {
    since.putIfAbsent(m, System.nanoTime());
  }

  /** Its turn came (a host that never waited counts with 0). */
  void passed(InstanceMigration m) {
    Long from = since.remove(m);
    double ms = from == null ? 0 : (System.nanoTime() - from) / 1e6;
    hosts++;
    totalMs += ms;
    maxMs = Math.max(maxMs, ms);
  }

  /** It left without its turn (failed). */
  void forget(InstanceMigration m) {
    since.remove(m);
  }

  /** From now on (the waits of a wave alone); hosts waiting now keep their start. */
  void clear() {
    hosts = 0;
    totalMs = 0;
    maxMs = 0;
  }

  Figures figures() {
    return new Figures(hosts, totalMs, maxMs);
  }
}
