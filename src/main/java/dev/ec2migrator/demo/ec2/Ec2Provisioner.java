package dev.ec2migrator.demo.ec2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What another simulated AWS service (CloudFormation) does to EC2, with EC2's own checks and error
 * codes ({@link Ec2Exception}). Bypasses the Query API, so nothing here is counted, throttled or
 * fault-injected: those model the client's calls, not AWS's internal ones.
 *
 * <p>Size: the one door CloudFormation's resource types have into EC2, one short method per
 * operation they make, so that every call takes the region's lock the same way; the methods are
 * alike by design, each one locked call into NetworkOps, RouteOps, GatewayOps, SecurityGroupOps,
 * LaunchOps or VolumeOps.
 */
public final class Ec2Provisioner {
  /** One security group rule: {@code cidr} or {@code peerGroupId} is set. */
  public record Permission(
      String protocol,
      Integer fromPort,
      Integer toPort,
      String cidr,
      String peerGroupId,
      String description) {}

  private final Ec2World world;

  Ec2Provisioner(Ec2World world) {
    this.world = world;
  }

  private <T> T in(String region, Function<CallContext, T> action) {
    RegionState state = world.region(region);
    synchronized (state) {
      return action.apply(new CallContext(region, state, world, world.now()));
    }
  }

  private void run(String region, java.util.function.Consumer<CallContext> action) {
    in(
        region,
        ctx -> {
          action.accept(ctx);
          return null;
        });
  }

  public Instant now() {
    return world.now();
  }

  public double timeScale() {
    return world.settings.timeScale();
  }

  public String ownerId() {
    return world.settings.ownerId();
  }

  public String createVpc(String region, String cidr, Map<String, String> tags) {
    return in(region, ctx -> new NetworkOps(ctx).createVpc(cidr, tags).id);
  }

  public void setVpcDns(String region, String vpcId, Boolean support, Boolean hostnames) {
    run(
        region,
        ctx -> {
          NetworkOps ops = new NetworkOps(ctx);
          if (support != null) {
            ops.modifyVpcAttribute(vpcId, support, null);
          }
          if (hostnames != null) {
            ops.modifyVpcAttribute(vpcId, null, hostnames);
          }
        });
  }

  public void deleteVpc(String region, String vpcId) {
    run(region, ctx -> new NetworkOps(ctx).deleteVpc(vpcId));
  }

  public String createSubnet(
      String region,
      String vpcId,
      String cidr,
      String zone,
      boolean mapPublicIp,
      Map<String, String> tags) {
    return in(
        region,
        ctx -> {
          NetworkOps ops = new NetworkOps(ctx);
          String id = ops.createSubnet(vpcId, cidr, zone, tags).id();
          if (mapPublicIp) {
            ops.modifySubnetAttribute(id, true);
          }
          return id;
        });
  }

  public void deleteSubnet(String region, String subnetId) {
    run(region, ctx -> new NetworkOps(ctx).deleteSubnet(subnetId));
  }

  public String createRouteTable(String region, String vpcId, Map<String, String> tags) {
    return in(region, ctx -> new RouteOps(ctx).createRouteTable(vpcId, tags).id);
  }

  public void deleteRouteTable(String region, String id) {
    run(region, ctx -> new RouteOps(ctx).deleteRouteTable(id));
  }

  public void createRoute(
      String region, String tableId, String destination, String gatewayId, String natGatewayId) {
    run(
        region,
        ctx -> new RouteOps(ctx).createRoute(tableId, destination, gatewayId, natGatewayId));
  }

  public void deleteRoute(String region, String tableId, String destination) {
    run(region, ctx -> new RouteOps(ctx).deleteRoute(tableId, destination));
  }

  public String associateRouteTable(String region, String tableId, String subnetId) {
    return in(region, ctx -> new RouteOps(ctx).associateRouteTable(tableId, subnetId));
  }

  public void disassociateRouteTable(String region, String associationId) {
    run(region, ctx -> new RouteOps(ctx).disassociateRouteTable(associationId));
  }

  public String createInternetGateway(String region, Map<String, String> tags) {
    return in(region, ctx -> new GatewayOps(ctx).createInternetGateway(tags).id);
  }

  public void attachInternetGateway(String region, String gatewayId, String vpcId) {
    run(region, ctx -> new GatewayOps(ctx).attachInternetGateway(gatewayId, vpcId));
  }

  public void detachInternetGateway(String region, String gatewayId, String vpcId) {
    run(region, ctx -> new GatewayOps(ctx).detachInternetGateway(gatewayId, vpcId));
  }

  public void deleteInternetGateway(String region, String gatewayId) {
    run(region, ctx -> new GatewayOps(ctx).deleteInternetGateway(gatewayId));
  }

  /** Allocates an Elastic IP: its allocation id and public IP. */
  public Map<String, String> allocateAddress(String region) {
    return in(
        region,
        ctx -> {
          NetworkState.Address a = new GatewayOps(ctx).allocateAddress();
          return Map.of("AllocationId", a.allocationId(), "PublicIp", a.publicIp());
        });
  }

  public void releaseAddress(String region, String allocationId) {
    run(region, ctx -> new GatewayOps(ctx).releaseAddress(allocationId));
  }

  public String createNatGateway(
      String region,
      String subnetId,
      String allocationId,
      String connectivityType,
      Map<String, String> tags) {
    return in(
        region,
        ctx ->
            new GatewayOps(ctx)
                .createNatGateway(subnetId, allocationId, connectivityType, tags)
                .id());
  }

  public void deleteNatGateway(String region, String id) {
    run(region, ctx -> new GatewayOps(ctx).deleteNatGateway(id));
  }

  public String createSecurityGroup(
      String region, String name, String description, String vpcId, Map<String, String> tags) {
    return in(
        region,
        ctx -> new SecurityGroupOps(ctx).createSecurityGroup(name, description, vpcId, tags).id);
  }

  public void deleteSecurityGroup(String region, String groupId) {
    run(region, ctx -> new SecurityGroupOps(ctx).deleteSecurityGroup(groupId));
  }

  /** Adds rules; returns their rule ids. */
  public List<String> authorize(
      String region, String groupId, boolean egress, List<Permission> permissions) {
    return in(
        region,
        ctx ->
            new SecurityGroupOps(ctx)
                .authorize(groupId, egress, rules(permissions)).stream()
                    .map(NetworkState.Rule::ruleId)
                    .toList());
  }

  public void revoke(String region, String groupId, boolean egress, List<Permission> permissions) {
    run(region, ctx -> new SecurityGroupOps(ctx).revoke(groupId, egress, rules(permissions)));
  }

  private static List<NetworkState.Rule> rules(List<Permission> permissions) {
    return permissions.stream()
        .map(
            p ->
                new NetworkState.Rule(
                    null,
                    p.protocol(),
                    "-1".equals(p.protocol()) ? null : p.fromPort(),
                    "-1".equals(p.protocol()) ? null : p.toPort(),
                    p.cidr(),
                    p.peerGroupId(),
                    p.description()))
        .toList();
  }

  public String runInstance(String region, InstanceLaunch launch) {
    return in(region, ctx -> new LaunchOps(ctx).run(launch).instance().instanceId());
  }

  public void terminateInstance(String region, String instanceId) {
    run(region, ctx -> new LaunchOps(ctx).terminate(instanceId));
  }

  public String createVolume(
      String region,
      String zone,
      String snapshotId,
      Integer size,
      String volumeType,
      Integer iops,
      Integer throughput,
      Map<String, String> tags) {
    return in(
        region,
        ctx ->
            new VolumeOps(ctx)
                .createVolume(zone, snapshotId, size, volumeType, iops, throughput, tags)
                .volume()
                .volumeId());
  }

  public void attachVolume(String region, String volumeId, String instanceId, String device) {
    run(region, ctx -> new VolumeOps(ctx).attach(volumeId, instanceId, device));
  }

  public void detachVolume(String region, String volumeId) {
    run(region, ctx -> new VolumeOps(ctx).detach(volumeId));
  }

  public void deleteVolume(String region, String volumeId) {
    run(region, ctx -> new VolumeOps(ctx).deleteVolume(volumeId));
  }

  /** Whether an instance, volume, snapshot, image or network resource exists in the region. */
  public boolean exists(String region, String id) {
    return in(region, ctx -> ctx.region().exists(id));
  }

  /** True once a NAT gateway is available or an instance is running. */
  public boolean ready(String region, String id) {
    return in(
        region,
        ctx -> {
          if (id.startsWith("nat-")) {
            return new NetworkOps(ctx).natGateway(id).state(ctx.now()).equals("available");
          }
          LaunchOps ops = new LaunchOps(ctx);
          return ops.state(ops.instance(id)).equals("running");
        });
  }

  /** The attributes CloudFormation's Fn::GetAtt reads, of a VPC, subnet or instance. */
  public Map<String, String> attributes(String region, String id) {
    return in(
        region,
        ctx -> {
          Map<String, String> a = new LinkedHashMap<>();
          NetworkState net = ctx.region().network;
          if (net.vpcs.containsKey(id)) {
            NetworkState.Vpc v = net.vpcs.get(id);
            a.put("CidrBlock", v.cidr);
            a.put("DefaultSecurityGroup", v.defaultGroupId);
            a.put("VpcId", v.id);
          } else if (net.subnets.containsKey(id)) {
            NetworkState.Subnet s = net.subnets.get(id);
            a.put("AvailabilityZone", s.availabilityZone());
            a.put("CidrBlock", s.cidr());
            a.put("VpcId", s.vpcId());
            a.put("SubnetId", s.id());
          } else if (net.securityGroups.containsKey(id)) {
            a.put("GroupId", id);
            a.put("VpcId", net.securityGroups.get(id).vpcId);
          } else if (ctx.region().instances.containsKey(id)) {
            InstanceRecord r = ctx.region().instances.get(id);
            SimInstance i = r.instance();
            a.put("AvailabilityZone", i.availabilityZone());
            a.put("PrivateIp", i.privateIp());
            a.put("PrivateDnsName", "ip-" + i.privateIp().replace('.', '-') + ".ec2.internal");
            a.put("VpcId", r.vpcId());
            a.put("InstanceId", id);
          }
          return a;
        });
  }
}
