package dev.ec2migrator.demo.ec2;

/** An error the simulator answers in EC2's XML error format. */
public final class Ec2Exception extends RuntimeException {
  private final String code;
  private final int httpStatus;

  Ec2Exception(String code, String message, int httpStatus) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  Ec2Exception(String code, String message) {
    this(code, message, 400);
  }

  public String code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  static Ec2Exception invalidParameterValue(String message) {
    return new Ec2Exception("InvalidParameterValue", message);
  }

  static Ec2Exception missingParameter(String name) {
    return new Ec2Exception(
        "MissingParameter", "The request must contain the parameter " + name + ".");
  }

  static Ec2Exception incorrectState(String message) {
    return new Ec2Exception("IncorrectState", message);
  }

  static Ec2Exception snapshotNotFound(String snapshotId) {
    return new Ec2Exception(
        "InvalidSnapshot.NotFound", "The snapshot '" + snapshotId + "' does not exist.");
  }
}
