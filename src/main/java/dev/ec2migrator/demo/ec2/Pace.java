package dev.ec2migrator.demo.ec2;

import java.time.Duration;
import java.time.Instant;

/** How long AWS takes for what is not instant, in SIMULATED seconds (scaled by the time scale). */
final class Pace {
  /** A NAT gateway is pending for about a minute. */
  static final double NAT_GATEWAY_SECONDS = 60;

  /** An instance is pending for about half a minute. */
  static final double INSTANCE_BOOT_SECONDS = 30;

  /** A stopping instance is stopped after about half a minute. */
  static final double INSTANCE_STOP_SECONDS = 30;

  /** Instance and system status checks pass a few minutes after launch. */
  static final double STATUS_CHECKS_SECONDS = 180;

  private Pace() {}

  static Instant after(CallContext ctx, double simulatedSeconds) {
    return ctx.now().plus(real(ctx.settings(), simulatedSeconds));
  }

  /** The real time that many simulated seconds take: the one conversion between the clocks. */
  static Duration real(Ec2SimulatorSettings settings, double simulatedSeconds) {
    return Duration.ofNanos((long) (simulatedSeconds / settings.timeScale() * 1_000_000_000L));
  }

  /** The simulated seconds a real duration stands for (the inverse of {@link #real}). */
  static double simulated(Ec2SimulatorSettings settings, Duration real) {
    return real.toNanos() / 1e9 * settings.timeScale();
  }
}
