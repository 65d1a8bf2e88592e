package dev.ec2migrator.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifierTest {

  @Test
  void regionsOfEveryPartitionPassAndNothingElse() {
    for (String region :
        new String[] {
          "us-east-1",
          "ap-southeast-2",
          "us-gov-west-1",
          "cn-north-1",
          "us-iso-east-1",
          "us-isob-east-1",
          "eu-isoe-west-1",
          "mx-central-1"
        }) {
      assertThat(Identifier.REGION.matches(region)).as(region).isTrue();
    }
    for (String notRegion :
        new String[] {"us-east-1a", "US-EAST-1", "us-east", "us-east-12", "eu-west-1;id", ""}) {
      assertThat(Identifier.REGION.matches(notRegion)).as(notRegion).isFalse();
    }
  }

  @Test
  void aRunIdIsWhatAStackNameAndAFileNameCanBoth() {
    assertThat(Identifier.RUN_ID.matches("sample-instances-96f97156")).isTrue();
    assertThat(Identifier.RUN_ID.matches("a".repeat(64))).isTrue();
    assertThat(Identifier.RUN_ID.matches("a".repeat(65))).isFalse();
    // CloudFormation stack names allow letters, digits and '-' only
    assertThat(Identifier.RUN_ID.matches("fleet.a")).isFalse();
    assertThat(Identifier.RUN_ID.matches("fleet_a")).isFalse();
    assertThat(Identifier.RUN_ID.matches("-fleet")).isFalse();
    assertThat(Identifier.RUN_ID.matches("../../etc/cron.d/x")).isFalse();
  }

  @Test
  void awsIdsHaveTheirPrefixAnd8Or17LowercaseHexDigits() {
    assertThat(Identifier.INSTANCE_ID.matches("i-0123456789abcdef0")).isTrue();
    assertThat(Identifier.INSTANCE_ID.matches("i-89abcdef")).isTrue();
    assertThat(Identifier.INSTANCE_ID.matches("i-0123456789ABCDEF0")).isFalse();
    assertThat(Identifier.INSTANCE_ID.matches("i-0123456789")).isFalse();
    assertThat(Identifier.SUBNET_ID.matches("i-89abcdef")).isFalse();
    assertThat(Identifier.SNAPSHOT_ID.matches("snap-0123456789abcdef0")).isTrue();
    assertThat(Identifier.IMAGE_ID.matches(null)).isFalse();
  }

  @Test
  void sshHostsAndUsersCannotBeReadAsOptionsOrShell() {
    assertThat(Identifier.SSH_HOST.matches("db1.internal")).isTrue();
    assertThat(Identifier.SSH_HOST.matches("10.0.1.4")).isTrue();
    assertThat(Identifier.SSH_HOST.matches("-oProxyCommand=x")).isFalse();
    assertThat(Identifier.SSH_HOST.matches("a b")).isFalse();
    assertThat(Identifier.SSH_USER.matches("ec2-user")).isTrue();
    assertThat(Identifier.SSH_USER.matches("$(reboot)")).isFalse();
    assertThat(Identifier.SSH_USER.matches("Admin")).isFalse();
  }

  @Test
  void mountPointsAreAbsoluteWithoutEmptyOrParentSegments() {
    assertThat(Identifier.MOUNT_POINT.matches("/")).isTrue();
    assertThat(Identifier.MOUNT_POINT.matches("/var/lib/db")).isTrue();
    assertThat(Identifier.MOUNT_POINT.matches("/data/..hidden")).isTrue();
    assertThat(Identifier.MOUNT_POINT.matches("data")).isFalse();
    assertThat(Identifier.MOUNT_POINT.matches("/data//x")).isFalse();
    assertThat(Identifier.MOUNT_POINT.matches("/data/../etc")).isFalse();
    assertThat(Identifier.MOUNT_POINT.matches("/data/..")).isFalse();
    assertThat(Identifier.MOUNT_POINT.matches("/data rm -rf /")).isFalse();
  }
}
