package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * StopInstances and StartInstances: running -> stopping -> stopped and stopped -> pending ->
 * running, each transition taking {@link Pace#INSTANCE_STOP_SECONDS} or {@link
 * Pace#INSTANCE_BOOT_SECONDS} of simulated time. Stopping a stopped instance (or starting a running
 * one) is accepted and changes nothing, as on AWS; an instance in between is
 * IncorrectInstanceState.
 */
final class PowerActions {
  private PowerActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "StopInstances",
        Ec2Action.locked(
            "StopInstances",
            Set.of("InstanceId", "Force", "Hibernate", "SkipOsShutdown", "DryRun"),
            (req, ctx, out) ->
                change(req, ctx, out, "running", "stopped", Pace.INSTANCE_STOP_SECONDS)));
    actions.put(
        "StartInstances",
        Ec2Action.locked(
            "StartInstances",
            Set.of("InstanceId", "AdditionalInfo", "DryRun"),
            (req, ctx, out) ->
                change(req, ctx, out, "stopped", "running", Pace.INSTANCE_BOOT_SECONDS)));
  }

  private static void change(
      QueryRequest req, CallContext ctx, XmlWriter out, String from, String to, double seconds) {
    List<String> ids = req.strings("InstanceId");
    if (ids.isEmpty()) {
      throw Ec2Exception.missingParameter("InstanceId.1");
    }
    IdChecks.wellFormed(ids, Ids.INSTANCE, "InvalidInstanceID.Malformed");
    RegionState region = ctx.region();
    IdChecks.allExist(ids, region.instances::containsKey, "InvalidInstanceID.NotFound", "instance");
    LaunchOps ops = new LaunchOps(ctx);
    for (String id : ids) {
      String state = ops.state(region.instances.get(id));
      if (!state.equals(from) && !state.equals(to)) {
        throw new Ec2Exception(
            "IncorrectInstanceState",
            "The instance '" + id + "' is not in a state from which it can be " + verb(to) + ".");
      }
    }
    out.start("instancesSet");
    for (String id : ids) {
      InstanceRecord r = region.instances.get(id);
      String previous = ops.state(r);
      if (previous.equals(from)) {
        region.instances.put(id, LaunchOps.withState(r, to));
        region.powerSettles.put(id, Pace.after(ctx, seconds));
        region.powerEvents.add(
            new PowerEvent(
                to.equals("stopped") ? "StopInstances" : "StartInstances", id, ctx.now()));
      }
      stateChange(out, id, ops.state(region.instances.get(id)), previous);
    }
    out.end("instancesSet");
  }

  /** One item of the instancesSet that Start, Stop and TerminateInstances answer. */
  static void stateChange(XmlWriter out, String id, String current, String previous) {
    out.start("item")
        .element("instanceId", id)
        .start("currentState")
        .element("code", LaunchOps.stateCode(current))
        .element("name", current)
        .end("currentState")
        .start("previousState")
        .element("code", LaunchOps.stateCode(previous))
        .element("name", previous)
        .end("previousState")
        .end("item");
  }

  private static String verb(String to) {
    return to.equals("stopped") ? "stopped" : "started";
  }
}
