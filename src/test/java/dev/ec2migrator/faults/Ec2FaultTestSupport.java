package dev.ec2migrator.faults;

import dev.ec2migrator.demo.ec2.FaultInjector;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * For the tests that inject EC2 faults: a 12-host demo fleet with no busy host whose snapshots and
 * copies complete in well under a second, 8 retries, and the simulator's faults cleared after each
 * test.
 */
abstract class Ec2FaultTestSupport extends FaultTestSupport {

  /** The fleet above, with the test's own settings on top. */
  @SafeVarargs
  static Map<String, String> fastFleet(Map.Entry<String, String>... own) {
    Map<String, String> all = new HashMap<>();
    all.put("migrator.demo.instances", "12");
    all.put("migrator.demo.busy-hosts", "");
    all.put("migrator.demo.time-scale", "20000");
    all.put("migrator.retry.attempts", "8");
    for (Map.Entry<String, String> e : own) {
      all.put(e.getKey(), e.getValue());
    }
    return all;
  }

  @AfterEach
  void clearFaults() {
    faults().clear();
  }

  FaultInjector faults() {
    return world().ec2().faults();
  }
}
