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

  /** A well-formed instance id that is not there is NotFound; any other string is Malformed. */
  static Ec2Exception instanceNotFound(String instanceId) {
    return new Ec2Exception(
        Ids.INSTANCE.matcher(String.valueOf(instanceId)).matches()
            ? "InvalidInstanceID.NotFound"
            : "InvalidInstanceID.Malformed",
        "The instance ID '" + instanceId + "' does not exist");
  }

  static Ec2Exception volumeNotFound(String volumeId) {
    return new Ec2Exception(
        "InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
  }

  static Ec2Exception imageNotFound(String imageId) {
    return new Ec2Exception(
        "InvalidAMIID.NotFound", "The image id '[" + imageId + "]' does not exist");
  }

  /** EC2 refuses a volume smaller than the snapshot it is made from. */
  static void checkVolumeFits(Integer size, String snapshotId, int snapshotSize) {
    if (size != null && size < snapshotSize) {
      throw new Ec2Exception(
          "InvalidBlockDeviceMapping",
          "Volume of size "
              + size
              + "GB is smaller than snapshot '"
              + snapshotId
              + "', expect size>= "
              + snapshotSize
              + "GB");
    }
  }

  static Ec2Exception dependencyViolation(String message) {
    return new Ec2Exception("DependencyViolation", message);
  }
}
