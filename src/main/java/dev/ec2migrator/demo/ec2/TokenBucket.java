package dev.ec2migrator.demo.ec2;

/** A token bucket refilled on real (monotonic) time. */
final class TokenBucket {
  private final double capacity;
  private final double refillPerNano;
  private double tokens;
  private long lastRefill;

  TokenBucket(double capacity, double refillPerSecond) {
    this.capacity = capacity;
    this.refillPerNano = refillPerSecond / 1e9;
    this.tokens = capacity;
    this.lastRefill = System.nanoTime();
  }

  synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
    lastRefill = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
