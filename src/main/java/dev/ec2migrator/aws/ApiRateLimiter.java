package dev.ec2migrator.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side copy of EC2's token buckets, one per region and bucket. {@link #reserve} books a
 * token and returns how long to wait for it without blocking, so a route can wait with an
 * asynchronous delay (and take the snapshot permit before a host is frozen). Generic cell rate
 * algorithm: one "theoretical arrival time" per bucket.
 */
public class ApiRateLimiter {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, String> settings;

  /**
   * @param settings bucket name to "burst/perSecond", e.g. {@code describe -> 50/10}
   */
  public ApiRateLimiter(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  /**
   * The same settings with burst and rate multiplied: the demo world's simulated account may be
   * given larger limits (migrator.demo.throttle-scale), and the client keeps to the same ones.
   */
  public static Map<String, String> scaled(Map<String, String> settings, double factor) {
    Map<String, String> out = new java.util.TreeMap<>();
    settings.forEach(
        (name, value) -> {
          String[] parts = value.split("/");
          out.put(
              name,
              parts.length != 2
                  ? value
                  : Math.max(1, Math.round(Integer.parseInt(parts[0].trim()) * factor))
                      + "/"
                      + Double.parseDouble(parts[1].trim()) * factor);
        });
    return out;
  }

  /** Books one call and returns the milliseconds until it may be sent (0 = now). */
  public long reserve(String region, ApiAction action) {
    Bucket bucket =
        buckets.computeIfAbsent(region + "/" + action.bucket(), k -> bucket(action.bucket()));
    return bucket == null ? 0 : bucket.reserve(System.nanoTime());
  }

  /** The bucket of the region the instance's next call goes to: snapshots at the source. */
  public long reserveFor(dev.ec2migrator.model.InstanceMigration m, ApiAction action) {
    return reserve(
        action == ApiAction.CREATE_SNAPSHOTS ? m.sourceRegion() : m.targetRegion(), action);
  }

  /** Blocking form, for the few calls made on a dedicated thread (describe, tracker polls). */
  public void acquire(String region, ApiAction action) throws InterruptedException {
    long waitMs = reserve(region, action);
    if (waitMs > 0) {
      Thread.sleep(waitMs);
    }
  }

  private Bucket bucket(String name) {
    String value = settings.get(name);
    if (value == null || value.isBlank() || value.equals("off")) {
      return null;
    }
    String[] parts = value.split("/");
    return new Bucket(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
  }

  private static final class Bucket {
    private final long intervalNanos;
    private final long burstNanos;
    private long theoreticalArrival;

    Bucket(int burst, double perSecond) {
      this.intervalNanos = (long) (1_000_000_000L / perSecond);
      this.burstNanos = intervalNanos * (burst - 1);
      this.theoreticalArrival = Long.MIN_VALUE;
    }

    synchronized long reserve(long now) {
      long tat = theoreticalArrival == Long.MIN_VALUE ? now : Math.max(theoreticalArrival, now);
      long allowedAt = tat - burstNanos;
      theoreticalArrival = tat + intervalNanos;
      long waitNanos = allowedAt - now;
      return waitNanos <= 0 ? 0 : (waitNanos + 999_999) / 1_000_000;
    }
  }
}
