package dev.ec2migrator.demo.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the SSH host simulator.
 *
 * @param sleepScale real seconds per simulated second of {@code sleep} (1.0 = real time, 0.001
 *     makes a 300 s dead-man fire after 300 ms)
 * @param commandLatency added before every command line a host executes
 * @param schedulerThreads threads that start commands after their latency and time the sleeps
 * @param postQuantumKex offer the hybrid post-quantum key exchanges (sntrup761, ML-KEM) as OpenSSH
 *     9.x does; off by default because their key generation costs ~50 ms of client CPU per
 *     connection, which dominates a simulated fleet
 */
public record SshSimulatorSettings(
    double sleepScale, Duration commandLatency, int schedulerThreads, boolean postQuantumKex) {

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
    return new SshSimulatorSettings(1.0, Duration.ZERO, 4, false);
  }

  public SshSimulatorSettings withSleepScale(double scale) {
    return new SshSimulatorSettings(scale, commandLatency, schedulerThreads, postQuantumKex);
  }

  public SshSimulatorSettings withCommandLatency(Duration latency) {
    return new SshSimulatorSettings(sleepScale, latency, schedulerThreads, postQuantumKex);
  }

  public SshSimulatorSettings withSchedulerThreads(int threads) {
    return new SshSimulatorSettings(sleepScale, commandLatency, threads, postQuantumKex);
  }

  public SshSimulatorSettings withPostQuantumKex(boolean offered) {
    return new SshSimulatorSettings(sleepScale, commandLatency, schedulerThreads, offered);
  }
}
