package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {
  private static final String REGION = "us-east-1";

  @Test
  void sameSeedSameFleetAndPrefixStableAcrossSizes() {
    List<SimInstance> a = new FleetGenerator(REGION, 17).generate(200, 0);
    List<SimInstance> b = new FleetGenerator(REGION, 17).generate(200, 0);
    List<SimInstance> small = new FleetGenerator(REGION, 17).generate(12, 0);
    assertThat(a).isEqualTo(b);
    assertThat(a.subList(0, 12)).isEqualTo(small);
    assertThat(new FleetGenerator(REGION, 18).generate(12, 0)).isNotEqualTo(small);
  }

  @Test
  void fixedVolumeCountGivesEveryInstanceThatManyVolumesAndKeepsTheRest() {
    List<SimInstance> mixed = new FleetGenerator(REGION, 17).generate(50, 0);
    List<SimInstance> two = new FleetGenerator(REGION, 17).generate(50, 2);
    assertThat(two).allMatch(i -> i.volumes().size() == 2);
    assertThat(two).allMatch(i -> i.mountPoints().equals(List.of("/", "/data")));
    for (int i = 0; i < 50; i++) {
      assertThat(two.get(i).instanceId()).isEqualTo(mixed.get(i).instanceId());
      assertThat(two.get(i).state()).isEqualTo(mixed.get(i).state());
      assertThat(two.get(i).volumes().get(0).volumeId())
          .isEqualTo(mixed.get(i).volumes().get(0).volumeId());
    }
  }

  @Test
  void firstTwelveCoverTheInterestingCasesForManySeeds() {
    for (long seed = 0; seed < 50; seed++) {
      List<SimInstance> first = new FleetGenerator(REGION, seed).generate(12, 0);
      assertThat(first).anyMatch(i -> i.state().equals("stopped"));
      assertThat(first).anyMatch(i -> i.virtualizationType().equals("paravirtual"));
      assertThat(first).anyMatch(i -> i.volumes().size() == 1);
      assertThat(first).anyMatch(i -> i.volumes().size() == 4);
      assertThat(first).anyMatch(i -> i.tags().values().stream().anyMatch(v -> v.startsWith("=")));
    }
  }

  @Test
  void instancesLookLikeEc2AndRatiosAreRoughlyRight() {
    List<SimInstance> fleet = new FleetGenerator("ap-southeast-2", 5).generate(1000, 0);
    Set<String> ids = new HashSet<>();
    Set<String> zones = new HashSet<>();
    Set<String> subnets = new HashSet<>();
    int stopped = 0;
    int pv = 0;
    for (SimInstance i : fleet) {
      assertThat(ids.add(i.instanceId())).isTrue();
      assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
      assertThat(i.privateIp()).matches("10\\.\\d+\\.\\d+\\.\\d+");
      assertThat(i.availabilityZone()).matches("ap-southeast-2[abc]");
      assertThat(i.subnetId()).matches("subnet-[0-9a-f]{8}");
      zones.add(i.availabilityZone());
      subnets.add(i.subnetId());
      assertThat(i.volumes()).hasSizeBetween(1, 4);
      assertThat(i.volumes().get(0).device()).isEqualTo(i.rootDeviceName());
      assertThat(i.mountPoints()).hasSize(i.volumes().size()).startsWith("/");
      if (i.state().equals("stopped")) {
        stopped++;
      }
      if (i.virtualizationType().equals("paravirtual")) {
        pv++;
        assertThat(i.kernelId()).matches("aki-[0-9a-f]{8}");
        assertThat(i.rootDeviceName()).isEqualTo("/dev/sda1");
      } else {
        assertThat(i.kernelId()).isNull();
        assertThat(i.rootDeviceName()).isIn("/dev/xvda", "/dev/sda1");
      }
      for (int k = 0; k < i.volumes().size(); k++) {
        SimVolume v = i.volumes().get(k);
        assertThat(ids.add(v.volumeId())).isTrue();
        assertThat(v.volumeId()).matches("vol-[0-9a-f]{17}");
        assertThat(v.sizeGib()).isBetween(8, 500);
        assertThat(v.volumeType()).isIn("gp2", "gp3", "io1", "st1");
        if (k > 0) {
          assertThat(v.device()).isEqualTo("/dev/sd" + (char) ('f' + k - 1));
        } else {
          assertThat(v.volumeType()).isNotEqualTo("st1");
        }
        assertThat(v.throughput() != null).isEqualTo(v.volumeType().equals("gp3"));
        assertThat(v.iops() == null).isEqualTo(v.volumeType().equals("st1"));
      }
    }
    assertThat(stopped).isBetween(150, 250);
    assertThat(pv).isBetween(100, 200);
    assertThat(zones).hasSizeBetween(2, 3);
    assertThat(subnets.size()).isGreaterThanOrEqualTo(zones.size());
  }

  @Test
  void changeRatesAndSizesAreDrawnPerHostWithinTheirRangesAndKeepTheRestOfTheFleet() {
    FleetSpec plain = new FleetSpec(17, 200, 2);
    FleetSpec changing =
        plain.withChangePercentPerHour("1-5").withVolumeSizeGib(ValueRange.parse("100-500"));
    List<SimInstance> before = new FleetGenerator(REGION, 17).generate(plain);
    List<SimInstance> fleet = new FleetGenerator(REGION, 17).generate(changing);
    assertThat(new FleetGenerator(REGION, 17).generate(changing)).isEqualTo(fleet);
    Set<Double> rates = new HashSet<>();
    for (int i = 0; i < fleet.size(); i++) {
      SimInstance host = fleet.get(i);
      assertThat(host.instanceId()).isEqualTo(before.get(i).instanceId());
      assertThat(host.state()).isEqualTo(before.get(i).state());
      assertThat(host.tags()).isEqualTo(before.get(i).tags());
      double rate = host.volumes().get(0).changeRatePerHour();
      assertThat(rate).isBetween(0.01, 0.05);
      rates.add(rate);
      for (int v = 0; v < host.volumes().size(); v++) {
        SimVolume volume = host.volumes().get(v);
        // one rate per host
        assertThat(volume.changeRatePerHour()).isEqualTo(rate);
        assertThat(volume.sizeGib()).isBetween(100, 500);
        assertThat(volume.volumeType()).isEqualTo(before.get(i).volumes().get(v).volumeType());
        assertThat(before.get(i).volumes().get(v).changeRatePerHour()).isZero();
        if (volume.volumeType().equals("io1")) {
          assertThat(volume.iops()).isLessThanOrEqualTo(50 * volume.sizeGib());
        }
      }
    }
    assertThat(rates).hasSizeGreaterThan(150);
    IntSummaryStatistics sizes =
        fleet.stream()
            .flatMap(i -> i.volumes().stream())
            .mapToInt(SimVolume::sizeGib)
            .summaryStatistics();
    assertThat(sizes.getMin()).isLessThan(110);
    assertThat(sizes.getMax()).isGreaterThan(490);
  }

  @Test
  void rangesReadMinMaxOrOneNumberAndRefuseNonsense() {
    assertThat(ValueRange.parse("1-5")).isEqualTo(new ValueRange(1, 5));
    assertThat(ValueRange.parse(" 2.5 ")).isEqualTo(new ValueRange(2.5, 2.5));
    assertThat(ValueRange.parse("")).isNull();
    assertThat(new FleetSpec(1, 1).withChangePercentPerHour("").changeRatePerHour())
        .isEqualTo(new ValueRange(0, 0));
    for (String bad : List.of("5-1", "x", "-3", "1-")) {
      assertThatThrownBy(() -> ValueRange.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new FleetSpec(1, 1).withChangePercentPerHour("50-150"))
        .hasMessageContaining("fraction");
  }

  @Test
  void simulatorIdsAreDeterministicFromTheSeed() {
    Ids one = new Ids(3);
    Ids two = new Ids(3);
    String a = one.next("snap");
    assertThat(a).matches("snap-[0-9a-f]{17}").isEqualTo(two.next("snap"));
    assertThat(one.next("snap")).isNotEqualTo(a);
    assertThat(new Ids(4).next("snap")).isNotEqualTo(a);
  }
}
