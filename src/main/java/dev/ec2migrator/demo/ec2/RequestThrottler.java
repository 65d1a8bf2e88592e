package dev.ec2migrator.demo.ec2;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per region and action class, like EC2's request rate limits. */
final class RequestThrottler {
  private final Ec2SimulatorSettings settings;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  RequestThrottler(Ec2SimulatorSettings settings) {
    this.settings = settings;
  }

  /** Throws RequestLimitExceeded (HTTP 503) when the bucket of this call is empty. */
  void admit(String region, String action) {
    if (!settings.throttlingActive()) {
      return;
    }
    ActionClass cls = ActionClass.of(action);
    TokenBucket bucket =
        buckets.computeIfAbsent(
            region + "/" + cls,
            k ->
                new TokenBucket(
                    Math.max(1.0, cls.burst * settings.throttleScale()),
                    cls.refillPerSecond * settings.throttleScale()));
    if (!bucket.tryAcquire()) {
      throw new Ec2Exception("RequestLimitExceeded", "Request limit exceeded.", 503);
    }
  }
}
