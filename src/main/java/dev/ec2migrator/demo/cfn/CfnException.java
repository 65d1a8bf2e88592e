package dev.ec2migrator.demo.cfn;

/** An error CloudFormation answers in its Query API error format (ErrorResponse). */
final class CfnException extends RuntimeException {
  private final String code;
  private final int httpStatus;

  CfnException(String code, String message, int httpStatus) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  String code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  static CfnException validation(String message) {
    return new CfnException("ValidationError", message, 400);
  }

  static CfnException templateFormat(String message) {
    return validation("Template format error: " + message);
  }
}
