package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** RunInstances, TerminateInstances and DescribeInstanceStatus. */
final class LaunchActions {
  /** RunInstances launches at most this many instances per call in the simulator. */
  private static final int MAX_COUNT = 100;

  private LaunchActions() {}

  static void register(Map<String, Ec2Action> actions) {
    Ec2Action.putLocked(
        actions,
        "RunInstances",
        Set.of(
            "ImageId",
            "InstanceType",
            "MinCount",
            "MaxCount",
            "SubnetId",
            "PrivateIpAddress",
            "SecurityGroupId",
            "KeyName",
            "IamInstanceProfile",
            "BlockDeviceMapping",
            "TagSpecification",
            "Placement",
            "UserData",
            "Monitoring",
            "ClientToken",
            "EbsOptimized",
            "DisableApiTermination",
            "InstanceInitiatedShutdownBehavior",
            "MetadataOptions",
            "CreditSpecification"),
        LaunchActions::runInstances);
    Ec2Action.putLocked(
        actions,
        "TerminateInstances",
        Set.of("InstanceId", "Force", "SkipOsShutdown"),
        LaunchActions::terminateInstances);
    Ec2Action.putLocked(
        actions,
        "DescribeInstanceStatus",
        Set.of("InstanceId", "Filter", "IncludeAllInstances", "MaxResults", "NextToken"),
        LaunchActions::describeInstanceStatus);
  }

  static void runInstances(QueryRequest req, CallContext ctx, XmlWriter out) {
    Integer min = req.integer("MinCount");
    Integer max = req.integer("MaxCount");
    if (min == null || max == null) {
      throw Ec2Exception.missingParameter(min == null ? "MinCount" : "MaxCount");
    }
    if (min < 1 || max < min || max > MAX_COUNT) {
      throw Ec2Exception.invalidParameterValue(
          "Invalid value for MinCount/MaxCount: " + min + "/" + max);
    }
    List<InstanceLaunch.Device> devices = new ArrayList<>();
    for (QueryRequest m : req.members("BlockDeviceMapping")) {
      QueryRequest ebs = m.member("Ebs");
      devices.add(
          new InstanceLaunch.Device(
              m.get("DeviceName"),
              ebs == null ? null : ebs.get("SnapshotId"),
              ebs == null ? null : ebs.integer("VolumeSize"),
              ebs == null ? null : ebs.get("VolumeType"),
              ebs == null ? null : ebs.integer("Iops"),
              ebs == null ? null : ebs.integer("Throughput"),
              ebs == null ? null : ebs.optionalFlag("DeleteOnTermination"),
              m.get("NoDevice") != null));
    }
    java.util.Map<String, String> instanceTags = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> volumeTags = new java.util.LinkedHashMap<>();
    for (QueryRequest spec : req.members("TagSpecification")) {
      String type = spec.get("ResourceType");
      switch (type == null ? "" : type) {
        case "instance" -> instanceTags.putAll(spec.tags("Tag"));
        case "volume" -> volumeTags.putAll(spec.tags("Tag"));
        default ->
            throw Ec2Exception.invalidParameterValue(
                "'" + type + "' is not a valid taggable resource type for this operation.");
      }
    }
    TagRules.checkValues(instanceTags);
    TagRules.checkValues(volumeTags);
    QueryRequest profile = req.member("IamInstanceProfile");
    InstanceLaunch spec =
        new InstanceLaunch(
            req.get("ImageId"),
            req.get("InstanceType"),
            req.get("SubnetId"),
            req.get("PrivateIpAddress"),
            req.strings("SecurityGroupId"),
            req.get("KeyName"),
            profile == null
                ? null
                : profile.get("Arn") != null ? profile.get("Arn") : profile.get("Name"),
            devices,
            instanceTags,
            volumeTags);
    if (max > 1 && spec.privateIp() != null) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "Cannot specify a private IP address when launching more than one instance");
    }
    LaunchOps ops = new LaunchOps(ctx);
    List<InstanceRecord> launched = new ArrayList<>();
    for (int n = 0; n < max; n++) {
      launched.add(ops.run(spec));
    }
    out.element("reservationId", launched.get(0).reservationId())
        .element("ownerId", ctx.settings().ownerId())
        .start("groupSet")
        .end("groupSet")
        .start("instancesSet");
    launched.forEach(r -> InstanceActions.writeInstance(r, ctx.region(), ctx, out));
    out.end("instancesSet");
  }

  static void terminateInstances(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> ids = req.strings("InstanceId");
    if (ids.isEmpty()) {
      throw Ec2Exception.missingParameter("InstanceId.1");
    }
    IdChecks.wellFormed(ids, Ids.INSTANCE, "InvalidInstanceID.Malformed");
    IdChecks.allExist(
        ids, ctx.region().instances::containsKey, "InvalidInstanceID.NotFound", "instance");
    LaunchOps ops = new LaunchOps(ctx);
    out.start("instancesSet");
    for (String id : ids) {
      PowerActions.stateChange(out, id, "terminated", ops.terminate(id));
    }
    out.end("instancesSet");
  }

  static void describeInstanceStatus(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> ids = req.strings("InstanceId");
    IdChecks.wellFormed(ids, Ids.INSTANCE, "InvalidInstanceID.Malformed");
    Integer maxResults = req.integer("MaxResults");
    Paginator.checkMaxResults(maxResults, 5, 1000);
    boolean all = req.flag("IncludeAllInstances");
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    LaunchOps ops = new LaunchOps(ctx);
    IdChecks.allExist(ids, region.instances::containsKey, "InvalidInstanceID.NotFound", "instance");
    List<InstanceRecord> matching = new ArrayList<>();
    for (InstanceRecord r : region.instances.values()) {
      String state = ops.state(r);
      if ((!ids.isEmpty() && !ids.contains(r.instance().instanceId()))
          || (!all && !state.equals("running"))) {
        continue;
      }
      String checks = checks(r, state, region, ctx);
      boolean matches =
          filters.stream()
              .allMatch(
                  f ->
                      switch (f.name()) {
                        case "instance-state-name" -> f.matches(state);
                        case "instance-state-code" ->
                            f.matches(String.valueOf(LaunchOps.stateCode(state)));
                        case "availability-zone" -> f.matches(r.instance().availabilityZone());
                        case "instance-status.status", "system-status.status" -> f.matches(checks);
                        default -> throw FilterSpec.unknown(f.name());
                      });
      if (matches) {
        matching.add(r);
      }
    }
    Paginator.write(
        matching,
        InstanceRecord::seq,
        maxResults,
        req.get("NextToken"),
        "instanceStatusSet",
        out,
        r -> writeStatus(r, ops.state(r), region, ctx, out));
  }

  /** One item of DescribeInstanceStatus: the state and the three status checks. */
  private static void writeStatus(
      InstanceRecord r, String state, RegionState region, CallContext ctx, XmlWriter out) {
    String checks = checks(r, state, region, ctx);
    out.start("item")
        .element("instanceId", r.instance().instanceId())
        .element("availabilityZone", r.instance().availabilityZone())
        .start("eventsSet")
        .end("eventsSet")
        .start("instanceState")
        .element("code", LaunchOps.stateCode(state))
        .element("name", state)
        .end("instanceState");
    status("systemStatus", checks, out);
    status("instanceStatus", checks, out);
    status("attachedEbsStatus", checks, out);
    out.end("item");
  }

  /** ok once the checks passed, initializing before, not-applicable when not running. */
  private static String checks(
      InstanceRecord r, String state, RegionState region, CallContext ctx) {
    if (!state.equals("running")) {
      return "not-applicable";
    }
    Launch launch = region.launches.get(r.instance().instanceId());
    return launch == null || launch.checksPassed(ctx.now()) ? "ok" : "initializing";
  }

  private static void status(String element, String checks, XmlWriter out) {
    String detail =
        switch (checks) {
          case "ok" -> "passed";
          case "initializing" -> "initializing";
          default -> null;
        };
    out.start(element).element("status", checks).start("details");
    if (detail != null) {
      out.start("item").element("name", "reachability").element("status", detail).end("item");
    }
    out.end("details").end(element);
  }
}
