package dev.ec2migrator.model;

/**
 * A failure of one instance's migration. The message names the instance, the step and, for AWS
 * errors, the AWS error code; it becomes the FAILED row's error text.
 */
public class MigrationException extends RuntimeException {
  private final String instanceId;
  private final String code;

  public MigrationException(String instanceId, String step, String code, String detail) {
    this(instanceId, step, code, detail, null);
  }

  public MigrationException(
      String instanceId, String step, String code, String detail, Throwable cause) {
    super(
        instanceId
            + ": "
            + step
            + " failed"
            + (code == null ? "" : " (" + code + ")")
            + ": "
            + detail,
        cause);
    this.instanceId = instanceId;
    this.code = code;
  }

  public String instanceId() {
    return instanceId;
  }

  public String code() {
    return code;
  }
}
