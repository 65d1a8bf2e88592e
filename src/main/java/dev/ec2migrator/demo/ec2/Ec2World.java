package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All regions of one simulator plus what every action needs (settings, ids, faults, clock). */
final class Ec2World {
  final Ec2SimulatorSettings settings;
  final Ids ids;
  final FaultInjector faults;
  final InstanceTypeOfferings offerings = new InstanceTypeOfferings();

  /** The simulator's counters: actions count the data their snapshots and copies carry. */
  final Ec2Counters counters = new Ec2Counters();

  private final Map<String, RegionState> regions = new ConcurrentHashMap<>();

  Ec2World(Ec2SimulatorSettings settings) {
    this.settings = settings;
    this.ids = new Ids(settings.idSeed());
    this.faults = new FaultInjector(settings.idSeed());
  }

  RegionState region(String name) {
    return regions.computeIfAbsent(name, RegionState::new);
  }

  private final Instant startedAt = Instant.now();
  private final long startedNanos = System.nanoTime();

  /**
   * Real time, to the millisecond that responses show, so a snapshot's recorded creation instant
   * equals its startTime. Monotonic: a wall-clock step back (NTP) must not turn completed copies
   * back into pending ones, which would refuse a copy the client rightly counted a free slot for.
   */
  Instant now() {
    return startedAt.plusNanos(System.nanoTime() - startedNanos).truncatedTo(ChronoUnit.MILLIS);
  }
}
