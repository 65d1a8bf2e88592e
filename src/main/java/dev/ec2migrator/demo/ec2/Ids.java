package dev.ec2migrator.demo.ec2;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** AWS-style resource ids ("snap-" + 17 lowercase hex), deterministic from a seed. */
final class Ids {
  static final Pattern INSTANCE = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
  static final Pattern VOLUME = Pattern.compile("vol-([0-9a-f]{8}|[0-9a-f]{17})");
  static final Pattern SNAPSHOT = Pattern.compile("snap-([0-9a-f]{8}|[0-9a-f]{17})");
  static final Pattern IMAGE = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

  private final long seed;
  private final AtomicLong counter = new AtomicLong();

  Ids(long seed) {
    this.seed = seed;
  }

  /** The next id of this simulator's sequence, e.g. next("snap"). */
  String next(String prefix) {
    return of(prefix, seed, prefix.hashCode(), counter.incrementAndGet());
  }

  /** A stable id derived from the given parts, e.g. of("i", fleetSeed, index). */
  static String of(String prefix, long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
    }
    long extra = mix(h + 1) & 0xF;
    String hex = String.format("%016x%x", h, extra);
    return prefix + "-" + hex;
  }

  /** 8 lowercase hex characters, for old-style ids like aki-xxxxxxxx. */
  static String shortOf(String prefix, long... parts) {
    return prefix + "-" + of("x", parts).substring(2, 10);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
