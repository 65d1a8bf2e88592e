package dev.ec2migrator.demo.cfn;

import java.util.List;
import java.util.Map;

/**
 * What AWS's resource schema of each type the simulator provisions lists as the permissions of its
 * create and delete handlers ({@code handlers.create.permissions}, {@code
 * handlers.delete.permissions} of the CloudFormation registry's resource provider schemas, e.g.
 * {@code aws-ec2-instance.json}; read as published by stackql/stackql-registry-docs,
 * docs/aws-docs/providers/aws/ec2/&lt;type&gt;/index.md "Permissions", 2025-09). CloudFormation
 * calls them with the caller's credentials when the stack has no service role, so the migrator's
 * policy grants them. An update that replaces a resource is a create and a delete; the simulator
 * does no in-place update. {@code AWS::CloudFormation::WaitConditionHandle} has no handler (it is
 * not a registry resource): no permission.
 */
final class HandlerPermissions {
  private static final Map<String, List<String>> PERMISSIONS =
      Map.ofEntries(
          Map.entry(
              "AWS::EC2::VPC create",
              List.of(
                  "ec2:CreateVpc", "ec2:DescribeVpcs", "ec2:ModifyVpcAttribute", "ec2:CreateTags")),
          Map.entry("AWS::EC2::VPC delete", List.of("ec2:DeleteVpc", "ec2:DescribeVpcs")),
          Map.entry(
              "AWS::EC2::Subnet create",
              List.of(
                  "ec2:DescribeSubnets",
                  "ec2:CreateSubnet",
                  "ec2:CreateTags",
                  "ec2:ModifySubnetAttribute")),
          Map.entry("AWS::EC2::Subnet delete", List.of("ec2:DescribeSubnets", "ec2:DeleteSubnet")),
          Map.entry(
              "AWS::EC2::RouteTable create",
              List.of("ec2:CreateRouteTable", "ec2:CreateTags", "ec2:DescribeRouteTables")),
          Map.entry(
              "AWS::EC2::RouteTable delete",
              List.of("ec2:DescribeRouteTables", "ec2:DeleteRouteTable")),
          Map.entry(
              "AWS::EC2::Route create",
              List.of(
                  "ec2:CreateRoute", "ec2:DescribeRouteTables", "ec2:DescribeNetworkInterfaces")),
          Map.entry(
              "AWS::EC2::Route delete", List.of("ec2:DeleteRoute", "ec2:DescribeRouteTables")),
          Map.entry(
              "AWS::EC2::SubnetRouteTableAssociation create",
              List.of(
                  "ec2:AssociateRouteTable",
                  "ec2:ReplaceRouteTableAssociation",
                  "ec2:DescribeSubnets",
                  "ec2:DescribeRouteTables")),
          Map.entry(
              "AWS::EC2::SubnetRouteTableAssociation delete",
              List.of(
                  "ec2:DisassociateRouteTable", "ec2:DescribeSubnets", "ec2:DescribeRouteTables")),
          Map.entry(
              "AWS::EC2::InternetGateway create",
              List.of(
                  "ec2:CreateInternetGateway", "ec2:CreateTags", "ec2:DescribeInternetGateways")),
          Map.entry(
              "AWS::EC2::InternetGateway delete",
              List.of("ec2:DeleteInternetGateway", "ec2:DescribeInternetGateways")),
          Map.entry(
              "AWS::EC2::VPCGatewayAttachment create",
              List.of(
                  "ec2:AttachInternetGateway",
                  "ec2:AttachVpnGateway",
                  "ec2:DescribeInternetGateways",
                  "ec2:DescribeVpnGateways")),
          Map.entry(
              "AWS::EC2::VPCGatewayAttachment delete",
              List.of(
                  "ec2:DetachInternetGateway",
                  "ec2:DetachVpnGateway",
                  "ec2:DescribeInternetGateways",
                  "ec2:DescribeVpnGateways")),
          Map.entry(
              "AWS::EC2::EIP create",
              List.of(
                  "ec2:AllocateAddress",
                  "ec2:AcceptAddressTransfer",
                  "ec2:DescribeAddresses",
                  "ec2:AssociateAddress",
                  "ec2:CreateTags")),
          Map.entry(
              "AWS::EC2::EIP delete",
              List.of("ec2:ReleaseAddress", "ec2:DescribeAddresses", "ec2:DisassociateAddress")),
          Map.entry(
              "AWS::EC2::NatGateway create",
              List.of("ec2:CreateNatGateway", "ec2:DescribeNatGateways", "ec2:CreateTags")),
          Map.entry(
              "AWS::EC2::NatGateway delete",
              List.of("ec2:DeleteNatGateway", "ec2:DescribeNatGateways")),
          Map.entry(
              "AWS::EC2::SecurityGroup create",
              List.of(
                  "ec2:CreateSecurityGroup",
                  "ec2:DescribeSecurityGroups",
                  "ec2:RevokeSecurityGroupEgress",
                  "ec2:AuthorizeSecurityGroupEgress",
                  "ec2:AuthorizeSecurityGroupIngress",
                  "ec2:CreateTags")),
          Map.entry(
              "AWS::EC2::SecurityGroup delete",
              List.of(
                  "ec2:DescribeSecurityGroups",
                  "ec2:DeleteSecurityGroup",
                  "ec2:DescribeInstances")),
          Map.entry(
              "AWS::EC2::SecurityGroupIngress create",
              List.of("ec2:DescribeSecurityGroupRules", "ec2:AuthorizeSecurityGroupIngress")),
          Map.entry(
              "AWS::EC2::SecurityGroupIngress delete",
              List.of("ec2:DescribeSecurityGroupRules", "ec2:RevokeSecurityGroupIngress")),
          Map.entry(
              "AWS::EC2::SecurityGroupEgress create",
              List.of(
                  "ec2:AuthorizeSecurityGroupEgress",
                  "ec2:RevokeSecurityGroupEgress",
                  "ec2:DescribeSecurityGroupRules")),
          Map.entry(
              "AWS::EC2::SecurityGroupEgress delete",
              List.of("ec2:RevokeSecurityGroupEgress", "ec2:DescribeSecurityGroupRules")),
          Map.entry(
              "AWS::EC2::Instance create",
              List.of(
                  "iam:PassRole",
                  "ec2:ModifyPrivateDnsNameOptions",
                  "ec2:DescribeElasticGpus",
                  "ec2:DescribeNetworkInterfaces",
                  "ec2:DescribeVolumes",
                  "ec2:RunInstances",
                  "ec2:AssociateIamInstanceProfile",
                  "ec2:DescribeIamInstanceProfileAssociations",
                  "ec2:DescribeInstances",
                  "ec2:DescribeSubnets",
                  "ec2:DescribeKeyPairs",
                  "ec2:DescribeSecurityGroups",
                  "ec2:DescribeVpcs",
                  "ec2:DescribeInstanceAttribute",
                  "ec2:DescribeInstanceCreditSpecifications",
                  "ec2:DescribeLaunchTemplates",
                  "ec2:DescribeLaunchTemplateVersions",
                  "ec2:DetachVolume",
                  "ec2:DisassociateIamInstanceProfile",
                  "ec2:ModifyInstanceAttribute",
                  "ec2:ModifyInstanceCreditSpecification",
                  "ec2:ModifyInstancePlacement",
                  "ec2:MonitorInstances",
                  "ec2:AttachVolume",
                  "ec2:CreateTags",
                  "ec2:ReplaceIamInstanceProfileAssociation",
                  "ec2:StartInstances",
                  "elastic-inference:DescribeAccelerators",
                  "ssm:CreateAssociation",
                  "ssm:DescribeAssociation",
                  "ssm:ListAssociations")),
          Map.entry(
              "AWS::EC2::Instance delete",
              List.of(
                  "ec2:DescribeInstances",
                  "ec2:TerminateInstances",
                  "ec2:DescribeElasticGpus",
                  "ec2:DescribeNetworkInterfaces",
                  "ec2:DescribeVolumes",
                  "ec2:DescribeInstanceAttribute",
                  "ec2:DescribeInstanceCreditSpecifications",
                  "ec2:DescribeLaunchTemplates",
                  "elastic-inference:DescribeAccelerators",
                  "ssm:DescribeAssociation",
                  "ssm:ListAssociations")),
          Map.entry(
              "AWS::EC2::Volume create",
              List.of(
                  "ec2:CreateVolume",
                  "ec2:DescribeVolumes",
                  "ec2:DescribeVolumeAttribute",
                  "ec2:ModifyVolumeAttribute",
                  "ec2:CreateTags",
                  "kms:GenerateDataKeyWithoutPlaintext",
                  "kms:CreateGrant")),
          Map.entry(
              "AWS::EC2::Volume delete",
              List.of(
                  "ec2:DeleteVolume",
                  "ec2:CreateSnapshot",
                  "ec2:DescribeSnapshots",
                  "ec2:DeleteTags",
                  "ec2:DescribeVolumes")),
          Map.entry(
              "AWS::EC2::VolumeAttachment create",
              List.of("ec2:AttachVolume", "ec2:DescribeVolumes")),
          Map.entry(
              "AWS::EC2::VolumeAttachment delete",
              List.of("ec2:DetachVolume", "ec2:DescribeVolumes")));

  private HandlerPermissions() {}

  /**
   * @param operation create or delete
   * @return the permissions the schema lists, empty for a type without handlers
   */
  static List<String> of(String type, String operation) {
    return PERMISSIONS.getOrDefault(type + " " + operation, List.of());
  }

  /** Whether the schema of {@code type} is known here. */
  static boolean known(String type) {
    return PERMISSIONS.containsKey(type + " create");
  }
}
