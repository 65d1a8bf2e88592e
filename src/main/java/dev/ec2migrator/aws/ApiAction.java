package dev.ec2migrator.aws;

/**
 * EC2 throttles per account, region and class of action with token buckets; these are the classes
 * the migrator calls, with the property that sets each bucket (burst/refill per second).
 */
public enum ApiAction {
  DESCRIBE("describe"),
  CREATE_SNAPSHOTS("create-snapshots"),
  COPY_SNAPSHOT("mutating"),
  REGISTER_IMAGE("mutating"),
  /** DeleteSnapshot, DeregisterImage (cleanup). */
  DELETE("mutating");

  private final String bucket;

  ApiAction(String bucket) {
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }
}
