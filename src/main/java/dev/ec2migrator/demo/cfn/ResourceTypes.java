package dev.ec2migrator.demo.cfn;

import dev.ec2migrator.demo.ec2.Ec2Provisioner;
import dev.ec2migrator.demo.ec2.Ec2Provisioner.Permission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource types the simulator creates in the EC2 simulator, how long each takes, and (through
 * {@link HandlerPermissions}) what AWS's handler of each type is allowed to call.
 *
 * <p>Size: one table, one entry per resource type with its create and delete handler; splitting it
 * would scatter the list of what the simulator supports over several files.
 */
final class ResourceTypes {
  /** What the engine gives a handler: where, with what, and as which stack resource. */
  interface Provision {
    String region();

    Ec2Provisioner ec2();

    /** The Tags property plus CloudFormation's own aws:cloudformation:* tags. */
    Map<String, String> tags(Props props);

    /** A name for resources that need one and were given none: stack-logicalId-SUFFIX. */
    String generatedName();

    /** Waits (simulated time) until a NAT gateway is available or an instance is running. */
    void waitReady(String id);

    /** Where the permissions of the handlers that ran are counted. */
    CloudFormationCounters counters();
  }

  /** A created resource: its physical id (what Ref returns) and what Fn::GetAtt can read. */
  record Created(String physicalId, Map<String, String> attributes) {
    static Created of(String physicalId, String... attributes) {
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i + 1 < attributes.length; i += 2) {
        a.put(attributes[i], attributes[i + 1]);
      }
      return new Created(physicalId, a);
    }
  }

  interface Handler {
    Created create(Provision p, Props props);

    void delete(Provision p, Created created, Props props);
  }

  /** A type: simulated seconds to create (and to delete) and its handler. */
  record Type(double seconds, Handler handler) {}

  private static final Map<String, Type> TYPES = new HashMap<>();

  static {
    TYPES.put(
        "AWS::EC2::VPC",
        new Type(
            15,
            handler(
                (p, props) -> {
                  String id =
                      p.ec2().createVpc(p.region(), props.required("CidrBlock"), p.tags(props));
                  p.ec2()
                      .setVpcDns(
                          p.region(),
                          id,
                          props.bool("EnableDnsSupport"),
                          props.bool("EnableDnsHostnames"));
                  return Created.of(id);
                },
                (p, c, props) -> p.ec2().deleteVpc(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::Subnet",
        new Type(
            5,
            handler(
                (p, props) ->
                    Created.of(
                        p.ec2()
                            .createSubnet(
                                p.region(),
                                props.required("VpcId"),
                                props.required("CidrBlock"),
                                props.str("AvailabilityZone"),
                                Boolean.TRUE.equals(props.bool("MapPublicIpOnLaunch")),
                                p.tags(props))),
                (p, c, props) -> p.ec2().deleteSubnet(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::RouteTable",
        new Type(
            5,
            handler(
                (p, props) ->
                    Created.of(
                        p.ec2()
                            .createRouteTable(p.region(), props.required("VpcId"), p.tags(props))),
                (p, c, props) -> p.ec2().deleteRouteTable(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::Route",
        new Type(
            5,
            handler(
                (p, props) -> {
                  String table = props.required("RouteTableId");
                  String destination = props.required("DestinationCidrBlock");
                  p.ec2()
                      .createRoute(
                          p.region(),
                          table,
                          destination,
                          props.str("GatewayId"),
                          props.str("NatGatewayId"));
                  return Created.of(table + "|" + destination);
                },
                (p, c, props) ->
                    p.ec2()
                        .deleteRoute(
                            p.region(),
                            props.required("RouteTableId"),
                            props.required("DestinationCidrBlock")))));
    TYPES.put(
        "AWS::EC2::SubnetRouteTableAssociation",
        new Type(
            5,
            handler(
                (p, props) ->
                    Created.of(
                        p.ec2()
                            .associateRouteTable(
                                p.region(),
                                props.required("RouteTableId"),
                                props.required("SubnetId"))),
                (p, c, props) -> p.ec2().disassociateRouteTable(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::InternetGateway",
        new Type(
            5,
            handler(
                (p, props) -> Created.of(p.ec2().createInternetGateway(p.region(), p.tags(props))),
                (p, c, props) -> p.ec2().deleteInternetGateway(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::VPCGatewayAttachment",
        new Type(
            15,
            handler(
                (p, props) -> {
                  if (props.str("VpnGatewayId") != null) {
                    throw new Props.Failure("VPN gateways are not simulated");
                  }
                  String vpc = props.required("VpcId");
                  p.ec2()
                      .attachInternetGateway(p.region(), props.required("InternetGatewayId"), vpc);
                  return Created.of("IGW|" + vpc);
                },
                (p, c, props) ->
                    p.ec2()
                        .detachInternetGateway(
                            p.region(),
                            props.required("InternetGatewayId"),
                            props.required("VpcId")))));
    TYPES.put(
        "AWS::EC2::EIP",
        new Type(
            5,
            handler(
                (p, props) -> {
                  Map<String, String> a = p.ec2().allocateAddress(p.region());
                  return new Created(a.get("PublicIp"), a);
                },
                (p, c, props) ->
                    p.ec2().releaseAddress(p.region(), c.attributes().get("AllocationId")))));
    TYPES.put(
        "AWS::EC2::NatGateway",
        new Type(
            5,
            handler(
                (p, props) -> {
                  String id =
                      p.ec2()
                          .createNatGateway(
                              p.region(),
                              props.required("SubnetId"),
                              props.str("AllocationId"),
                              props.str("ConnectivityType"),
                              p.tags(props));
                  p.waitReady(id);
                  return Created.of(id, "NatGatewayId", id);
                },
                (p, c, props) -> p.ec2().deleteNatGateway(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::SecurityGroup",
        new Type(5, handler(ResourceTypes::createGroup, ResourceTypes::deleteGroup)));
    TYPES.put(
        "AWS::EC2::SecurityGroupIngress",
        new Type(
            3,
            handler(
                (p, props) -> createRule(p, props, false),
                (p, c, props) -> deleteRule(p, props, false))));
    TYPES.put(
        "AWS::EC2::SecurityGroupEgress",
        new Type(
            3,
            handler(
                (p, props) -> createRule(p, props, true),
                (p, c, props) -> deleteRule(p, props, true))));
    TYPES.put(
        "AWS::EC2::Instance",
        new Type(5, handler(InstanceResource::create, InstanceResource::delete)));
    TYPES.put(
        "AWS::EC2::Volume",
        new Type(
            10,
            handler(
                (p, props) ->
                    Created.of(
                        p.ec2()
                            .createVolume(
                                p.region(),
                                props.required("AvailabilityZone"),
                                props.str("SnapshotId"),
                                props.integer("Size"),
                                props.str("VolumeType"),
                                props.integer("Iops"),
                                props.integer("Throughput"),
                                p.tags(props))),
                (p, c, props) -> p.ec2().deleteVolume(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::EC2::VolumeAttachment",
        new Type(
            10,
            handler(
                (p, props) -> {
                  String volume = props.required("VolumeId");
                  p.ec2()
                      .attachVolume(
                          p.region(),
                          volume,
                          props.required("InstanceId"),
                          props.required("Device"));
                  return Created.of(volume);
                },
                (p, c, props) -> p.ec2().detachVolume(p.region(), c.physicalId()))));
    TYPES.put(
        "AWS::CloudFormation::WaitConditionHandle",
        new Type(
            1,
            handler(
                (p, props) ->
                    Created.of(
                        "https://cloudformation-waitcondition-"
                            + p.region()
                            + ".s3.amazonaws.com/"
                            + p.generatedName()),
                (p, c, props) -> {})));
  }

  private ResourceTypes() {}

  interface Create {
    Created create(Provision p, Props props);
  }

  interface Delete {
    void delete(Provision p, Created created, Props props);
  }

  private static Handler handler(Create create, Delete delete) {
    return new Handler() {
      @Override
      public Created create(Provision p, Props props) {
        return create.create(p, props);
      }

      @Override
      public void delete(Provision p, Created created, Props props) {
        delete.delete(p, created, props);
      }
    };
  }

  static boolean supports(String type) {
    return TYPES.containsKey(type);
  }

  /**
   * The type; its handler first counts the permissions AWS's schema lists for it (the caller's,
   * when the stack has no service role), then provisions.
   */
  static Type of(String type) {
    Type t = TYPES.get(type);
    if (t == null) {
      return null;
    }
    return new Type(
        t.seconds(),
        handler(
            (p, props) -> {
              p.counters()
                  .recordHandlerPermissions(p.region(), HandlerPermissions.of(type, "create"));
              return t.handler().create(p, props);
            },
            (p, c, props) -> {
              p.counters()
                  .recordHandlerPermissions(p.region(), HandlerPermissions.of(type, "delete"));
              t.handler().delete(p, c, props);
            }));
  }

  private static Created createGroup(Provision p, Props props) {
    String vpc = props.str("VpcId");
    if (vpc == null) {
      throw new Props.Failure("No default VPC for this user (VpcId is required in the simulator)");
    }
    String name = props.str("GroupName") != null ? props.str("GroupName") : p.generatedName();
    String id =
        p.ec2()
            .createSecurityGroup(
                p.region(), name, props.required("GroupDescription"), vpc, p.tags(props));
    List<Permission> ingress = permissions(props.objects("SecurityGroupIngress"), false);
    if (!ingress.isEmpty()) {
      p.ec2().authorize(p.region(), id, false, ingress);
    }
    List<Permission> egress = permissions(props.objects("SecurityGroupEgress"), true);
    if (!egress.isEmpty()) {
      // rules given replace the default allow-all egress rule
      p.ec2()
          .revoke(
              p.region(),
              id,
              true,
              List.of(new Permission("-1", null, null, "0.0.0.0/0", null, null)));
      p.ec2().authorize(p.region(), id, true, egress);
    }
    return Created.of(id, "GroupId", id, "VpcId", vpc);
  }

  private static void deleteGroup(Provision p, Created c, Props props) {
    p.ec2().deleteSecurityGroup(p.region(), c.physicalId());
  }

  private static List<Permission> permissions(List<Props> rules, boolean egress) {
    List<Permission> out = new ArrayList<>();
    for (Props r : rules) {
      out.add(permission(r, egress));
    }
    return out;
  }

  private static Permission permission(Props r, boolean egress) {
    String peer = r.str(egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId");
    String cidr = r.str(egress ? "CidrIp" : "CidrIp");
    if ((peer == null) == (cidr == null)) {
      throw r.invalid(
          "#: only one of [CidrIp, "
              + (egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId")
              + "] may be given, and one must be");
    }
    return new Permission(
        protocol(r.required("IpProtocol")),
        r.integer("FromPort"),
        r.integer("ToPort"),
        cidr,
        peer,
        r.str("Description"));
  }

  /** CloudFormation accepts tcp/udp/icmp by name or number; EC2 shows names. */
  private static String protocol(String p) {
    return switch (p.toLowerCase()) {
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      default -> p.toLowerCase();
    };
  }

  private static Created createRule(Provision p, Props props, boolean egress) {
    List<String> ids =
        p.ec2()
            .authorize(
                p.region(), props.required("GroupId"), egress, List.of(permission(props, egress)));
    return Created.of(ids.get(0));
  }

  private static void deleteRule(Provision p, Props props, boolean egress) {
    p.ec2()
        .revoke(p.region(), props.required("GroupId"), egress, List.of(permission(props, egress)));
  }
}
