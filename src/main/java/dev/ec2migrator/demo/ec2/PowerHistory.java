package dev.ec2migrator.demo.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the instances of a region ran, read from the region's StopInstances and StartInstances
 * events (appended in time order): an instance runs from a StartInstances call to the next
 * StopInstances call. Indexed per instance as events arrive, so a fleet of thousands reads only its
 * own few events. Callers hold the region's lock.
 */
final class PowerHistory {
  private final List<PowerEvent> events;
  private final Map<String, List<PowerEvent>> byInstance = new HashMap<>();
  private int indexed;

  /**
   * @param events the region's events, read as they grow
   */
  PowerHistory(List<PowerEvent> events) {
    this.events = events;
  }

  /**
   * How long the instance ran between two instants.
   *
   * @param runningWithoutEvents whether an instance never stopped nor started is running
   */
  Duration running(String instanceId, boolean runningWithoutEvents, Instant from, Instant to) {
    List<PowerEvent> own = of(instanceId);
    // before its first event an instance was in the state that event left
    boolean running = own.isEmpty() ? runningWithoutEvents : isStop(own.get(0));
    Instant since = from;
    Duration ran = Duration.ZERO;
    for (PowerEvent e : own) {
      if (!e.at().isAfter(from)) {
        running = !isStop(e);
        continue;
      }
      if (!e.at().isBefore(to)) {
        break;
      }
      if (running) {
        ran = ran.plus(Duration.between(since, e.at()));
      }
      running = !isStop(e);
      since = e.at();
    }
    if (running && to.isAfter(since)) {
      ran = ran.plus(Duration.between(since, to));
    }
    return ran;
  }

  private static boolean isStop(PowerEvent e) {
    return e.action().equals("StopInstances");
  }

  private List<PowerEvent> of(String instanceId) {
    for (; indexed < events.size(); indexed++) {
      PowerEvent e = events.get(indexed);
      byInstance.computeIfAbsent(e.instanceId(), k -> new ArrayList<>()).add(e);
    }
    return byInstance.getOrDefault(instanceId, List.of());
  }
}
