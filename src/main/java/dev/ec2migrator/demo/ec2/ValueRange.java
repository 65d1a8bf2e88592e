package dev.ec2migrator.demo.ec2;

import java.util.SplittableRandom;

/** A setting written "min-max" (or one number, min = max), from which the fleet draws values. */
public record ValueRange(double min, double max) {
  public ValueRange {
    if (!(min >= 0) || !(max >= min)) {
      throw new IllegalArgumentException("need 0 <= min <= max, got " + min + "-" + max);
    }
  }

  /** "1-5", "1.5-2", "3" (min = max); blank = null, for "not set". */
  public static ValueRange parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      return null;
    }
    int dash = s.indexOf('-', 1);
    try {
      return dash < 0
          ? new ValueRange(Double.parseDouble(s), Double.parseDouble(s))
          : new ValueRange(
              Double.parseDouble(s.substring(0, dash).strip()),
              Double.parseDouble(s.substring(dash + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a range \"min-max\" or a number: " + text, e);
    }
  }

  ValueRange times(double factor) {
    return new ValueRange(min * factor, max * factor);
  }

  double draw(SplittableRandom r) {
    return max == min ? min : min + (max - min) * r.nextDouble();
  }

  /** A whole number from min to max, both included. */
  int drawInt(SplittableRandom r) {
    int lo = (int) Math.ceil(min);
    int hi = (int) Math.floor(max);
    return hi <= lo ? lo : lo + r.nextInt(hi - lo + 1);
  }
}
