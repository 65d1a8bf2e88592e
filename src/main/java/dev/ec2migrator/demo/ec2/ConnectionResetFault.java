package dev.ec2migrator.demo.ec2;

/**
 * An injected connection reset: the simulator closes the connection without sending any answer, so
 * the client sees the call fail on the network (before or after the action took effect).
 */
final class ConnectionResetFault extends RuntimeException {
  /** How the counters record a reset call. */
  static final String CODE = "ConnectionReset";

  ConnectionResetFault(String action, boolean afterEffect) {
    super(
        "Injected connection reset for "
            + action
            + (afterEffect ? " (after it took effect)" : " (before it took effect)"),
        null,
        false,
        false);
  }
}
