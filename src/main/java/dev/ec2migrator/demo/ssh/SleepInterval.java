package dev.ec2migrator.demo.ssh;

/** Parses GNU {@code sleep} operands: a number with an optional s, m, h or d suffix. */
final class SleepInterval {

  private SleepInterval() {}

  /** Seconds, or NaN if the operand is not a valid interval. */
  static double seconds(String operand) {
    if (operand.isEmpty()) {
      return Double.NaN;
    }
    char unit = operand.charAt(operand.length() - 1);
    double factor =
        switch (unit) {
          case 's' -> 1;
          case 'm' -> 60;
          case 'h' -> 3600;
          case 'd' -> 86400;
          default -> 0;
        };
    String number = factor == 0 ? operand : operand.substring(0, operand.length() - 1);
    if (!number.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
      return Double.NaN;
    }
    return Double.parseDouble(number) * (factor == 0 ? 1 : factor);
  }
}
