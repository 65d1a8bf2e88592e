package dev.ec2migrator.cloudformation;

/** The results CSV cannot be turned into a template; the message names the line and the reason. */
public class InvalidResultsCsvException extends IllegalArgumentException {

  public InvalidResultsCsvException(String message) {
    super(message);
  }

  public InvalidResultsCsvException(long line, String reason) {
    super("results CSV line " + line + ": " + reason);
  }
}
