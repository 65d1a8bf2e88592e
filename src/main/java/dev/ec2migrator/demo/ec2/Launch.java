package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.List;

/**
 * What an instance was launched with beyond {@link SimInstance}: its security groups, key pair,
 * instance profile, and when it is running and passes its status checks (null: from the start).
 */
record Launch(
    List<String> groupIds,
    String keyName,
    String iamInstanceProfileArn,
    Instant runningAt,
    Instant checksPassAt) {
  Launch {
    groupIds = List.copyOf(groupIds);
  }

  boolean pending(Instant now) {
    return runningAt != null && now.isBefore(runningAt);
  }

  boolean checksPassed(Instant now) {
    return checksPassAt == null || !now.isBefore(checksPassAt);
  }
}
