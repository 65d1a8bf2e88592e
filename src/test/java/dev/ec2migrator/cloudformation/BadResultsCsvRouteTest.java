package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CSV the route cannot trust fails with the line and the reason, and writes nothing. */
class BadResultsCsvRouteTest extends CloudFormationRouteTestSupport {

  private static ResultsCsvFixture fleet() {
    // the name spans three lines, so record numbers and line numbers part ways after it
    return new ResultsCsvFixture()
        .migrated(1, 1, 1)
        .set(1, ResultColumn.INSTANCE_NAME, "multi\nline\nname")
        .migrated(2, 1, 1);
  }

  private InvalidResultsCsvException failure(String csv) throws Exception {
    Exception exception = renderFailure(csv);
    try (var listing = Files.list(outbox)) {
      assertThat(listing).as("files written").isEmpty();
    }
    Throwable cause = exception;
    while (cause != null && !(cause instanceof InvalidResultsCsvException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("cause of " + exception).isInstanceOf(InvalidResultsCsvException.class);
    return (InvalidResultsCsvException) cause;
  }

  @Test
  void aMalformedSubnetIdNamesItsLineAndColumn() throws Exception {
    // header = line 1, instance 1's rows start on lines 2 and 5, instance 2's on 8 and 9
    String csv = fleet().setOnRow(3, ResultColumn.SOURCE_SUBNET_ID, "subnet-XYZ").csv();

    assertThat(failure(csv).getMessage())
        .contains("line 9")
        .contains("source_subnet_id")
        .contains("subnet-XYZ");
  }

  @Test
  void aMalformedInstanceIdNamesItsLine() throws Exception {
    String csv = fleet().setOnRow(2, ResultColumn.SOURCE_INSTANCE_ID, "i-123; rm -rf /").csv();

    assertThat(failure(csv).getMessage()).contains("line 8").contains("source_instance_id");
  }

  @Test
  void aMalformedTargetSnapshotIdNamesItsLine() throws Exception {
    String csv = fleet().setOnRow(1, ResultColumn.TARGET_SNAPSHOT_ID, "snap-0123\n").csv();

    assertThat(failure(csv).getMessage()).contains("line 5").contains("target_snapshot_id");
  }

  @Test
  void aNameLongerThanAnEc2TagValueNamesItsLine() throws Exception {
    String csv = fleet().set(2, ResultColumn.INSTANCE_NAME, "😀".repeat(257)).csv();

    assertThat(failure(csv).getMessage()).contains("line 8").contains("instance_name", "256");
  }

  @Test
  void aMalformedAvailabilityZoneNamesItsLine() throws Exception {
    String csv =
        fleet()
            .set(2, ResultColumn.SOURCE_AZ, "us-east-1a\n# injected")
            .set(1, ResultColumn.SOURCE_AZ, "us-east-1a\n# injected")
            .csv();

    assertThat(failure(csv).getMessage()).contains("line 2").contains("source_az");
  }

  @Test
  void twoVolumesAtOneDeviceOfAnInstanceAreRefused() throws Exception {
    String csv = fleet().setOnRow(3, ResultColumn.DEVICE, "/dev/xvda").csv();

    assertThat(failure(csv).getMessage()).contains("line 9").contains("/dev/xvda", "line 8");
  }

  @Test
  void aMissingColumnIsNamed() throws Exception {
    List<ResultColumn> columns = new ArrayList<>(List.of(ResultColumn.values()));
    columns.remove(ResultColumn.TARGET_SNAPSHOT_ID);

    assertThat(failure(fleet().csv(columns)).getMessage())
        .contains("missing column target_snapshot_id");
  }

  @Test
  void aRowWithTooFewCellsNamesItsLine() throws Exception {
    String csv = fleet().csv() + "fleet-a1b2c3,us-east-1,i-00000000000000009\r\n";

    assertThat(failure(csv).getMessage()).contains("line 10").contains("3 cells");
  }

  @Test
  void aRunIdThatCannotBeAFileNameIsRefused() throws Exception {
    ResultsCsvFixture fleet = fleet();
    fleet.rows().forEach(row -> row.put(ResultColumn.RUN_ID, "../../etc/cron.d/x"));

    assertThat(failure(fleet.csv()).getMessage()).contains("line 2").contains("run_id");
  }

  @Test
  void twoTargetRegionsInOneCsvAreRefused() throws Exception {
    String csv = fleet().set(2, ResultColumn.TARGET_REGION, "eu-west-1").csv();

    assertThat(failure(csv).getMessage()).contains("line 8").contains("target_region");
  }

  @Test
  void aVolumeListedTwiceIsRefused() throws Exception {
    ResultsCsvFixture fleet = fleet();
    fleet.setOnRow(3, ResultColumn.SOURCE_VOLUME_ID, ResultsCsvFixture.volumeId(2, 0));

    assertThat(failure(fleet.csv()).getMessage()).contains("line 9").contains("already listed");
  }

  @Test
  void anEmptyCsvIsRefused() throws Exception {
    assertThat(failure("").getMessage()).contains("empty");
    assertThat(failure(new ResultsCsvFixture().csv()).getMessage()).contains("no rows");
  }
}
