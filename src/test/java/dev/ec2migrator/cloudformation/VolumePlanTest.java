package dev.ec2migrator.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VolumePlanTest {

  private static VolumePlan dataVolume(String type, String iops, String throughput) {
    String csv =
        new ResultsCsvFixture()
            .migrated(1, 1, 1)
            .setOnRow(1, ResultColumn.VOLUME_TYPE, type)
            .setOnRow(1, ResultColumn.IOPS, iops)
            .setOnRow(1, ResultColumn.THROUGHPUT, throughput)
            .csv();
    List<ResultRow> rows = new ResultsCsvReader().read(csv);
    return VolumePlan.fromRow(rows.get(1));
  }

  @Test
  void keepsIopsAndThroughputOnlyWhereCloudFormationTakesThem() {
    assertThat(dataVolume("gp2", "100", "")).extracting(VolumePlan::iops).isNull();
    assertThat(dataVolume("io2", "6000", "")).extracting(v -> v.iops().value()).isEqualTo("6000");
    assertThat(dataVolume("io2", "6000", "")).extracting(VolumePlan::throughput).isNull();
    VolumePlan gp3 = dataVolume("gp3", "4000", "250");
    assertThat(gp3.iops().value()).isEqualTo("4000");
    assertThat(gp3.throughput().value()).isEqualTo("250");
    assertThat(dataVolume("gp3", "", "")).extracting(VolumePlan::iops).isNull();
  }

  @Test
  void carriesItsSourceVolumeAndDevice() {
    VolumePlan volume = dataVolume("gp3", "", "");

    assertThat(volume.sourceVolumeId().value()).isEqualTo(ResultsCsvFixture.volumeId(1, 1));
    assertThat(volume.device().value()).isEqualTo("/dev/sdf");
    assertThat(volume.snapshotId().value()).isEqualTo(ResultsCsvFixture.targetSnapshotId(1, 1));
  }
}
