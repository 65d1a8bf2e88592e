package dev.ec2migrator.demo.ec2;

import java.time.Instant;

/** One call: the region it was signed for and the instant it is served at. */
record CallContext(String regionName, RegionState region, Ec2World world, Instant now) {
  Ec2SimulatorSettings settings() {
    return world.settings;
  }
}
