package dev.ec2migrator.sim.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the SSH host simulator.
 *
 * @param sleepScale real seconds per simulated second of {@code sleep} (1.0 = real time, 0.001
 *     makes a 300 s dead-man fire after 300 ms)
 * @param commandLatency added before every command line a host executes
 * @param schedulerThreads threads that run commands and wake sleepers (no thread waits in a sleep)
 */
public record SshSimulatorSettings(
    double sleepScale, Duration commandLatency, int schedulerThreads) {

  public SshSimulatorSettings {
    if (!(sleepScale >= 0)) {
      throw new IllegalArgumentException("sleepScale must be >= 0: " + sleepScale);
    }
    Objects.requireNonNull(commandLatency, "commandLatency");
    if (commandLatency.isNegative()) {
      throw new IllegalArgumentException("commandLatency must be >= 0: " + commandLatency);
    }
    if (schedulerThreads < 1) {
      throw new IllegalArgumentException("schedulerThreads must be >= 1: " + schedulerThreads);
    }
  }

  public static SshSimulatorSettings defaults() {
    return new SshSimulatorSettings(1.0, Duration.ZERO, 4);
  }

  public SshSimulatorSettings withSleepScale(double scale) {
    return new SshSimulatorSettings(scale, commandLatency, schedulerThreads);
  }

  public SshSimulatorSettings withCommandLatency(Duration latency) {
    return new SshSimulatorSettings(sleepScale, latency, schedulerThreads);
  }

  public SshSimulatorSettings withSchedulerThreads(int threads) {
    return new SshSimulatorSettings(sleepScale, commandLatency, threads);
  }
}
