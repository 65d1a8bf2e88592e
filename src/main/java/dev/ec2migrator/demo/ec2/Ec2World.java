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

  /** Since real {@code realNanos}, the clock has run at {@code rate}; it showed {@code shown}. */
  private record ClockRate(long realNanos, long shown, double rate) {}

  private volatile ClockRate clock = new ClockRate(System.nanoTime(), 0, 1.0);

  /**
   * Real time, to the millisecond that responses show, so a snapshot's recorded creation instant
   * equals its startTime. Monotonic: a wall-clock step back (NTP) must not turn completed copies
   * back into pending ones, which would refuse a copy the client rightly counted a free slot for. A
   * benchmark may slow it down for a phase it measures finely ({@link #clockRate}).
   */
  Instant now() {
    ClockRate c = clock;
    long shown = c.shown() + (long) ((System.nanoTime() - c.realNanos()) * c.rate());
    return startedAt.plusNanos(shown).truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * From now on the clock runs at {@code rate} times real time (1 = the time scale's own pace):
   * everything that takes simulated time takes 1/rate times longer in real time.
   */
  synchronized void clockRate(double rate) {
    if (rate <= 0) {
      throw new IllegalArgumentException("clock rate must be > 0: " + rate);
    }
    long real = System.nanoTime();
    ClockRate c = clock;
    clock = new ClockRate(real, c.shown() + (long) ((real - c.realNanos()) * c.rate()), rate);
  }
}
