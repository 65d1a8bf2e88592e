package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** GetInstanceUefiData: the UEFI variable store of a uefi instance (none for legacy BIOS). */
final class UefiActions {
  private UefiActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "GetInstanceUefiData",
        Ec2Action.locked("GetInstanceUefiData", Set.of("InstanceId"), UefiActions::uefiData));
  }

  static void uefiData(QueryRequest req, CallContext ctx, XmlWriter out) {
    String instanceId = req.require("InstanceId");
    IdChecks.wellFormed(List.of(instanceId), Ids.INSTANCE, "InvalidInstanceID.Malformed");
    RegionState region = ctx.region();
    IdChecks.allExist(
        List.of(instanceId),
        region.instances::containsKey,
        "InvalidInstanceID.NotFound",
        "instance");
    SourceFacts facts = region.facts(instanceId);
    out.element("instanceId", instanceId).element("uefiData", facts.uefiData());
  }
}
