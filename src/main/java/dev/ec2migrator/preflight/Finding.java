package dev.ec2migrator.preflight;

/**
 * One reason an instance is not ready, named by its check; {@code couldNotLook} when the check
 * itself failed (then nothing is known, which is never READY).
 */
public record Finding(String check, String reason, boolean couldNotLook) {

  public String text() {
    return check + ": " + (couldNotLook ? "could not check (" + reason + ")" : reason);
  }
}
