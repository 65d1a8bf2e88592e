package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeInstances: reservations, each with its one instance, its launch facts (security groups,
 * key, instance profile) and its platform facts.
 */
final class InstanceActions {
  private InstanceActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "DescribeInstances",
        new Ec2Action(
            "DescribeInstances",
            Set.of("Filter", "InstanceId", "MaxResults", "NextToken"),
            InstanceActions::describeInstances));
  }

  static void describeInstances(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> ids = req.strings("InstanceId");
    IdChecks.wellFormed(ids, Ids.INSTANCE, "InvalidInstanceID.Malformed");
    Integer maxResults = req.integer("MaxResults");
    if (maxResults != null && !ids.isEmpty()) {
      throw new Ec2Exception(
          "InvalidParameterCombination",
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    Paginator.checkMaxResults(maxResults, 5, 1000);
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    synchronized (region) {
      IdChecks.allExist(
          ids, region.instances::containsKey, "InvalidInstanceID.NotFound", "instance");
      List<InstanceRecord> matching =
          FilterSpec.select(
              region.instances.values(),
              ids,
              r -> r.instance().instanceId(),
              filters,
              (f, r) -> instanceMatches(f, r, region, ctx));
      Paginator.write(
          matching,
          InstanceRecord::seq,
          maxResults,
          req.get("NextToken"),
          "reservationSet",
          out,
          r -> writeReservation(r, region, ctx, out));
    }
  }

  private static boolean instanceMatches(
      FilterSpec f, InstanceRecord r, RegionState region, CallContext ctx) {
    SimInstance i = r.instance();
    if (f.isTagFilter()) {
      return f.matchesTags(region.tags(i.instanceId()));
    }
    return switch (f.name()) {
      case "instance-id" -> f.matches(i.instanceId());
      case "instance-state-name" -> f.matches(new LaunchOps(ctx).state(r));
      case "instance-type" -> f.matches(i.instanceType());
      case "subnet-id" -> f.matches(i.subnetId());
      case "vpc-id" -> f.matches(r.vpcId());
      case "availability-zone" -> f.matches(i.availabilityZone());
      case "private-ip-address" -> f.matches(i.privateIp());
      case "virtualization-type" -> f.matches(i.virtualizationType());
      case "root-device-name" -> f.matches(i.rootDeviceName());
      case "image-id" -> f.matches(r.imageId());
      case "instance.group-id" -> f.matchesAny(groupIds(r, region));
      case "key-name" -> f.matches(keyName(r, region));
      case "block-device-mapping.volume-id" ->
          f.matchesAny(i.volumes().stream().map(SimVolume::volumeId).toList());
      case "block-device-mapping.device-name" ->
          f.matchesAny(i.volumes().stream().map(SimVolume::device).toList());
      default -> throw FilterSpec.unknown(f.name());
    };
  }

  static void writeReservation(
      InstanceRecord r, RegionState region, CallContext ctx, XmlWriter out) {
    out.start("item")
        .element("reservationId", r.reservationId())
        .element("ownerId", ctx.settings().ownerId())
        .start("groupSet")
        .end("groupSet")
        .start("instancesSet");
    writeInstance(r, region, ctx, out);
    out.end("instancesSet").end("item");
  }

  /** One item of an instancesSet. */
  static void writeInstance(InstanceRecord r, RegionState region, CallContext ctx, XmlWriter out) {
    SimInstance i = r.instance();
    SourceFacts facts = region.facts(i.instanceId());
    String state = new LaunchOps(ctx).state(r);
    Launch launch = region.launches.get(i.instanceId());
    out.start("item");
    out.element("instanceId", i.instanceId())
        .element("imageId", r.imageId())
        .start("instanceState")
        .element("code", LaunchOps.stateCode(state))
        .element("name", state)
        .end("instanceState")
        .element("privateDnsName", "ip-" + i.privateIp().replace('.', '-') + ".ec2.internal")
        .element("dnsName", "")
        .element("reason", i.running() ? "" : "User initiated")
        .element("keyName", launch == null ? null : launch.keyName())
        .element("amiLaunchIndex", 0)
        .element("instanceType", i.instanceType())
        .element("launchTime", r.launchTime())
        .start("placement")
        .element("availabilityZone", i.availabilityZone())
        .element("tenancy", "default")
        .end("placement")
        .element("kernelId", i.kernelId())
        .element("platform", facts.platform())
        .element("platformDetails", facts.platformDetails())
        .element("usageOperation", facts.usageOperation())
        .element("tpmSupport", facts.tpmSupport())
        .element("currentInstanceBootMode", facts.bootMode())
        .start("productCodes");
    facts
        .productCodes()
        .forEach(
            (code, type) ->
                out.start("item").element("productCode", code).element("type", type).end("item"));
    out.end("productCodes")
        .start("metadataOptions")
        .element("state", "applied")
        .element("httpTokens", facts.httpTokens())
        .element("httpEndpoint", "enabled")
        .end("metadataOptions")
        .start("monitoring")
        .element("state", "disabled")
        .end("monitoring")
        .element("subnetId", i.subnetId())
        .element("vpcId", r.vpcId())
        .element("privateIpAddress", i.privateIp())
        .element("architecture", i.architecture())
        .element("rootDeviceType", "ebs")
        .element("rootDeviceName", i.rootDeviceName())
        .start("blockDeviceMapping");
    for (SimVolume v : i.volumes()) {
      VolumeRecord vr = region.volumes.get(v.volumeId());
      out.start("item")
          .element("deviceName", v.device())
          .start("ebs")
          .element("volumeId", v.volumeId())
          .element("status", "attached")
          .element("attachTime", r.launchTime())
          .element("deleteOnTermination", vr == null ? Boolean.FALSE : vr.root())
          .end("ebs")
          .end("item");
    }
    out.end("blockDeviceMapping").element("virtualizationType", i.virtualizationType());
    writeLaunch(r, region, out);
    out.tagSet(region.tags(i.instanceId()))
        .element("hypervisor", "xen")
        .element("enaSupport", "hvm".equals(i.virtualizationType()) ? Boolean.TRUE : null)
        .element("sriovNetSupport", facts.sriovNetSupport())
        .element("bootMode", facts.bootMode());
    out.end("item");
  }

  private static List<String> groupIds(InstanceRecord r, RegionState region) {
    Launch launch = region.launches.get(r.instance().instanceId());
    return launch == null ? List.of() : launch.groupIds();
  }

  private static String keyName(InstanceRecord r, RegionState region) {
    Launch launch = region.launches.get(r.instance().instanceId());
    return launch == null ? null : launch.keyName();
  }

  /** The security groups and instance profile of a DescribeInstances item. */
  private static void writeLaunch(InstanceRecord r, RegionState region, XmlWriter out) {
    Launch launch = region.launches.get(r.instance().instanceId());
    out.start("groupSet");
    if (launch != null) {
      for (String id : launch.groupIds()) {
        NetworkState.SecurityGroup g = region.network.securityGroups.get(id);
        out.start("item")
            .element("groupId", id)
            .element("groupName", g == null ? null : g.name)
            .end("item");
      }
    }
    out.end("groupSet");
    if (launch != null && launch.iamInstanceProfileArn() != null) {
      String arn = launch.iamInstanceProfileArn();
      out.start("iamInstanceProfile")
          .element("arn", arn)
          .element("id", "AIPA" + Integer.toHexString(arn.hashCode()).toUpperCase())
          .end("iamInstanceProfile");
    }
  }
}
