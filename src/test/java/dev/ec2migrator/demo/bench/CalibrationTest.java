package dev.ec2migrator.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The scale follows the harness's CPU per host and the cores the calibration run got. */
class CalibrationTest {

  @Test
  void theHarnessMayNeedHalfTheCoresItGets() {
    // 100 hosts, 11 CPU s in 10 s: 0.11 s per host on 1.1 cores, so a host may take 0.2 s;
    // 2 volumes x 167.5 simulated s of copy slots in 0.2 s is 1675x, down to a multiple of 50
    Calibration c = Calibration.of(11, 10, 100, 2);
    assertThat(c.cpuSecondsPerHost()).isCloseTo(0.11, within(1e-9));
    assertThat(c.cores()).isCloseTo(1.1, within(1e-9));
    assertThat(c.timeScale()).isEqualTo(1650);
    assertThat(c.expectedUtilisation(1000, 1000 * 335.0 / 1675)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aSlowerOrBusierMachineGetsASlowerClockWithinTheClamp() {
    Calibration quiet = Calibration.of(11, 10, 100, 2);
    // the same CPU per host on half the cores: half the scale
    Calibration halfTheCores = Calibration.of(11, 20, 100, 2);
    assertThat(halfTheCores.timeScale()).isBetween(800.0, 850.0);
    assertThat(halfTheCores.timeScale()).isLessThan(quiet.timeScale());
    assertThat(Calibration.of(1000, 1000, 100, 2).timeScale()).isEqualTo(250);
    // 100 hosts in one second: faster than the clock may go
    assertThat(Calibration.of(1, 1, 100, 2).timeScale()).isEqualTo(5000);
  }
}
