package dev.ec2migrator.demo.ec2;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Knobs of the EC2 simulator. Durations of snapshots and copies are in SIMULATED seconds; {@code
 * timeScale} is simulated seconds per real second. Throttling refills on real time, scaled by
 * {@code throttleScale} (burst and refill rate are both multiplied by it).
 *
 * @param port TCP port on 127.0.0.1, 0 for any free port
 * @param threads size of the HTTP worker pool
 * @param idSeed seed for snapshot, image and request ids and for fault decisions
 * @param ownerId the account id shown as owner of snapshots and images
 * @param timeScale simulated seconds per real second
 * @param snapshotBaseSeconds simulated seconds every snapshot takes
 * @param snapshotSecondsPerGib simulated seconds added per GiB the snapshot stores (a volume's
 *     first snapshot stores all of it, a later one what changed since the previous one)
 * @param copyBaseSeconds simulated seconds every cross-region copy takes
 * @param copySecondsPerGib simulated seconds added per GiB the copy carries (all of the volume for
 *     a full copy, what changed since the previous copy for an incremental one)
 * @param limitsEnabled master switch: false disables every limit below, throttling included
 * @param maxCopiesInFlightPerRegion pending copies per destination region (AWS: 20), 0 = off
 * @param maxPendingSnapshotsPerVolume pending snapshots per volume (AWS: 5), 0 = off
 * @param throttlingEnabled token buckets per region and action class
 * @param throttleScale multiplies the burst and refill rate of every token bucket
 * @param defaultLatency added to every call so that benchmarks see a realistic round trip
 */
public record Ec2SimulatorSettings(
    int port,
    int threads,
    long idSeed,
    String ownerId,
    double timeScale,
    double snapshotBaseSeconds,
    double snapshotSecondsPerGib,
    double copyBaseSeconds,
    double copySecondsPerGib,
    boolean limitsEnabled,
    int maxCopiesInFlightPerRegion,
    int maxPendingSnapshotsPerVolume,
    boolean throttlingEnabled,
    double throttleScale,
    Duration defaultLatency) {

  public Ec2SimulatorSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    if (timeScale <= 0 || throttleScale <= 0) {
      throw new IllegalArgumentException("timeScale and throttleScale must be > 0");
    }
    if (ownerId == null || !ownerId.matches("\\d{12}")) {
      throw new IllegalArgumentException("ownerId must be 12 digits");
    }
    defaultLatency = defaultLatency == null ? Duration.ZERO : defaultLatency;
  }

  /** 100 GiB snapshot = 860 simulated s, copy = 2120 simulated s; at 1000x about 1 and 2 real s. */
  public static Ec2SimulatorSettings defaults() {
    return new Ec2SimulatorSettings(
        0,
        32,
        42L,
        "123456789012",
        1000.0,
        60,
        8,
        120,
        20,
        true,
        20,
        5,
        true,
        1.0,
        Duration.ofMillis(2));
  }

  public Ec2SimulatorSettings withTimeScale(double v) {
    return with(b -> b.timeScale = v);
  }

  public Ec2SimulatorSettings withSnapshotDuration(double baseSeconds, double secondsPerGib) {
    return with(
        b -> {
          b.snapshotBaseSeconds = baseSeconds;
          b.snapshotSecondsPerGib = secondsPerGib;
        });
  }

  public Ec2SimulatorSettings withCopyDuration(double baseSeconds, double secondsPerGib) {
    return with(
        b -> {
          b.copyBaseSeconds = baseSeconds;
          b.copySecondsPerGib = secondsPerGib;
        });
  }

  public Ec2SimulatorSettings withLimitsEnabled(boolean v) {
    return with(b -> b.limitsEnabled = v);
  }

  public Ec2SimulatorSettings withMaxCopiesInFlightPerRegion(int v) {
    return with(b -> b.maxCopiesInFlightPerRegion = v);
  }

  public Ec2SimulatorSettings withThrottlingEnabled(boolean v) {
    return with(b -> b.throttlingEnabled = v);
  }

  public Ec2SimulatorSettings withThrottleScale(double v) {
    return with(b -> b.throttleScale = v);
  }

  public Ec2SimulatorSettings withDefaultLatency(Duration v) {
    return with(b -> b.defaultLatency = v);
  }

  /** The one copy: these settings with {@code change} applied, validated as a new record. */
  private Ec2SimulatorSettings with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The record's components, mutable for the length of one {@link #with} call. */
  private static final class Copy {
    int port;
    int threads;
    long idSeed;
    String ownerId;
    double timeScale;
    double snapshotBaseSeconds;
    double snapshotSecondsPerGib;
    double copyBaseSeconds;
    double copySecondsPerGib;
    boolean limitsEnabled;
    int maxCopiesInFlightPerRegion;
    int maxPendingSnapshotsPerVolume;
    boolean throttlingEnabled;
    double throttleScale;
    Duration defaultLatency;

    Copy(Ec2SimulatorSettings s) {
      port = s.port;
      threads = s.threads;
      idSeed = s.idSeed;
      ownerId = s.ownerId;
      timeScale = s.timeScale;
      snapshotBaseSeconds = s.snapshotBaseSeconds;
      snapshotSecondsPerGib = s.snapshotSecondsPerGib;
      copyBaseSeconds = s.copyBaseSeconds;
      copySecondsPerGib = s.copySecondsPerGib;
      limitsEnabled = s.limitsEnabled;
      maxCopiesInFlightPerRegion = s.maxCopiesInFlightPerRegion;
      maxPendingSnapshotsPerVolume = s.maxPendingSnapshotsPerVolume;
      throttlingEnabled = s.throttlingEnabled;
      throttleScale = s.throttleScale;
      defaultLatency = s.defaultLatency;
    }

    Ec2SimulatorSettings build() {
      return new Ec2SimulatorSettings(
          port,
          threads,
          idSeed,
          ownerId,
          timeScale,
          snapshotBaseSeconds,
          snapshotSecondsPerGib,
          copyBaseSeconds,
          copySecondsPerGib,
          limitsEnabled,
          maxCopiesInFlightPerRegion,
          maxPendingSnapshotsPerVolume,
          throttlingEnabled,
          throttleScale,
          defaultLatency);
    }
  }

  boolean copyLimitActive() {
    return limitsEnabled && maxCopiesInFlightPerRegion > 0;
  }

  boolean pendingSnapshotLimitActive() {
    return limitsEnabled && maxPendingSnapshotsPerVolume > 0;
  }

  boolean throttlingActive() {
    return limitsEnabled && throttlingEnabled;
  }

  /** Real duration of the first (full) snapshot of a volume of the given size. */
  public Duration snapshotDuration(int sizeGib) {
    return snapshotDurationCarrying(sizeGib);
  }

  /** Real duration of a full copy of a snapshot of a volume of the given size. */
  public Duration copyDuration(int sizeGib) {
    return copyDurationCarrying(sizeGib);
  }

  /** Real duration of a snapshot that stores {@code gib} of data (incremental: the changes). */
  public Duration snapshotDurationCarrying(double gib) {
    return Pace.real(this, snapshotBaseSeconds + snapshotSecondsPerGib * gib);
  }

  /** Real duration of a copy that carries {@code gib} of data (incremental: the changes). */
  public Duration copyDurationCarrying(double gib) {
    return Pace.real(this, copyBaseSeconds + copySecondsPerGib * gib);
  }
}
