<#--
  CloudFormation template of a run's network stack: the source VPCs recreated (rendered by
  routes/cloudformation.camel.yaml when migrator.network.mode = recreate). The instance stacks
  import the subnets and security groups this stack exports.

  Safe to edit. The same rules as config/cloudformation.yaml.ftl: values are YamlString objects
  (complete, escaped YAML scalars: never quote them again), logical ids are checked alphanumerics,
  long-form intrinsics only.
-->
AWSTemplateFormatVersion: "2010-09-09"
Description: ${body.description}
Metadata:
  ec2-region-migrator:
    RunId: ${body.runId}
<#if body.notRecreated?has_content>
    NotRecreated:
<#list body.notRecreated as item>
      - ${item}
</#list>
<#else>
    NotRecreated: []
</#if>
Resources:
<#list body.vpcs as vpc>
  ${vpc.logicalId}:
    Type: "AWS::EC2::VPC"
    Properties:
      CidrBlock: ${vpc.cidrBlock}
      EnableDnsSupport: ${vpc.enableDnsSupport?c}
      EnableDnsHostnames: ${vpc.enableDnsHostnames?c}
      Tags:
        - Key: Name
          Value: ${vpc.name}
        - Key: "migrator:source-vpc"
          Value: ${vpc.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
</#list>
<#list body.subnets as subnet>
  ${subnet.logicalId}:
    Type: "AWS::EC2::Subnet"
    Properties:
      VpcId:
        Ref: ${subnet.vpcLogicalId}
      CidrBlock: ${subnet.cidrBlock}
      AvailabilityZone: ${subnet.availabilityZone}
      MapPublicIpOnLaunch: ${subnet.mapPublicIpOnLaunch?c}
      Tags:
        - Key: Name
          Value: ${subnet.name}
        - Key: "migrator:source-subnet"
          Value: ${subnet.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
</#list>
<#list body.internetGateways as gateway>
  ${gateway.logicalId}:
    Type: "AWS::EC2::InternetGateway"
    Properties:
      Tags:
        - Key: Name
          Value: ${gateway.name}
        - Key: "migrator:source-internet-gateway"
          Value: ${gateway.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
  ${gateway.attachmentLogicalId}:
    Type: "AWS::EC2::VPCGatewayAttachment"
    Properties:
      VpcId:
        Ref: ${gateway.vpcLogicalId}
      InternetGatewayId:
        Ref: ${gateway.logicalId}
</#list>
<#list body.natGateways as nat>
  ${nat.eipLogicalId}:
    Type: "AWS::EC2::EIP"
<#if nat.dependsOn??>
    DependsOn: ${nat.dependsOn}
</#if>
    Properties:
      Domain: vpc
      Tags:
        - Key: Name
          Value: ${nat.name}
        - Key: "migrator:run"
          Value: ${body.runId}
  ${nat.logicalId}:
    Type: "AWS::EC2::NatGateway"
    Properties:
      AllocationId:
        Fn::GetAtt:
          - ${nat.eipLogicalId}
          - AllocationId
      SubnetId:
        Ref: ${nat.subnetLogicalId}
      Tags:
        - Key: Name
          Value: ${nat.name}
        - Key: "migrator:source-nat-gateway"
          Value: ${nat.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
</#list>
<#list body.routeTables as table>
  ${table.logicalId}:
    Type: "AWS::EC2::RouteTable"
    Properties:
      VpcId:
        Ref: ${table.vpcLogicalId}
      Tags:
        - Key: Name
          Value: ${table.name}
        - Key: "migrator:source-route-table"
          Value: ${table.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
<#list table.routes as route>
  ${route.logicalId}:
    Type: "AWS::EC2::Route"
<#if route.dependsOn??>
    DependsOn: ${route.dependsOn}
</#if>
    Properties:
      RouteTableId:
        Ref: ${table.logicalId}
      DestinationCidrBlock: ${route.destinationCidrBlock}
<#if route.gatewayLogicalId??>
      GatewayId:
        Ref: ${route.gatewayLogicalId}
<#else>
      NatGatewayId:
        Ref: ${route.natLogicalId}
</#if>
</#list>
<#list table.associations as association>
  ${association.logicalId}:
    Type: "AWS::EC2::SubnetRouteTableAssociation"
    Properties:
      RouteTableId:
        Ref: ${table.logicalId}
      SubnetId:
        Ref: ${association.subnetLogicalId}
</#list>
</#list>
<#macro cidrRules rules>
<#list rules as rule>
        - IpProtocol: ${rule.ipProtocol}
<#if rule.fromPort??>
          FromPort: ${rule.fromPort}
</#if>
<#if rule.toPort??>
          ToPort: ${rule.toPort}
</#if>
<#if rule.cidrIp??>
          CidrIp: ${rule.cidrIp}
</#if>
<#if rule.cidrIpv6??>
          CidrIpv6: ${rule.cidrIpv6}
</#if>
<#if rule.description??>
          Description: ${rule.description}
</#if>
</#list>
</#macro>
<#list body.securityGroups as group>
  ${group.logicalId}:
    Type: "AWS::EC2::SecurityGroup"
    Properties:
      GroupDescription: ${group.description}
      VpcId:
        Ref: ${group.vpcLogicalId}
<#if group.ingress?has_content>
      SecurityGroupIngress:
<@cidrRules rules=group.ingress/>
</#if>
      SecurityGroupEgress:
<@cidrRules rules=group.egress/>
      Tags:
        - Key: Name
          Value: ${group.name}
        - Key: "migrator:source-security-group"
          Value: ${group.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
</#list>
<#list body.groupRules as rule>
  ${rule.logicalId}:
    Type: "${rule.ingress?then('AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress')}"
    Properties:
      GroupId:
        Fn::GetAtt:
          - ${rule.groupLogicalId}
          - GroupId
      IpProtocol: ${rule.ipProtocol}
<#if rule.fromPort??>
      FromPort: ${rule.fromPort}
</#if>
<#if rule.toPort??>
      ToPort: ${rule.toPort}
</#if>
<#if rule.ingress>
      SourceSecurityGroupId:
<#else>
      DestinationSecurityGroupId:
</#if>
        Fn::GetAtt:
          - ${rule.peerLogicalId}
          - GroupId
<#if rule.description??>
      Description: ${rule.description}
</#if>
</#list>
Outputs:
<#list body.subnets as subnet>
  ${subnet.outputLogicalId}:
    Description: "Copy of source subnet"
    Value:
      Ref: ${subnet.logicalId}
    Export:
      Name: ${subnet.exportName}
</#list>
<#list body.securityGroups as group>
  ${group.outputLogicalId}:
    Description: "Copy of source security group"
    Value:
      Fn::GetAtt:
        - ${group.logicalId}
        - GroupId
    Export:
      Name: ${group.exportName}
</#list>
