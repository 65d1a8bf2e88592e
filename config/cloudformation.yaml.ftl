<#--
  CloudFormation template for one stack of a migrated fleet (rendered by routes/cloudformation.camel.yaml).

  Safe to edit. Rules that keep it safe for any tag text:
  - Values from the results CSV are YamlString objects: printing one as ${x} gives a complete,
    escaped YAML double-quoted scalar (quotes included). Never wrap them in quotes, never ?eval them.
  - Logical ids (x.logicalId) are validated alphanumerics and are printed bare.
  - Numbers (partNumber, partCount) go through ?c, so no locale formatting sneaks in.
  - Long-form intrinsics only (Ref:, Fn::GetAtt:, Fn::If:), so any YAML parser reads the output.
-->
AWSTemplateFormatVersion: "2010-09-09"
Description: ${body.description}
Metadata:
  ec2-region-migrator:
    RunId: ${body.runId}
    TargetRegion: ${body.targetRegion}
    Part: ${body.partNumber?c}
    Parts: ${body.partCount?c}
<#if body.skipped?has_content>
    SkippedInstances:
<#list body.skipped as skipped>
      - SourceInstanceId: ${skipped.sourceId}
        Reason: ${skipped.reason}
</#list>
<#else>
    SkippedInstances: []
</#if>
<#if body.instances?has_content>
Parameters:
<#list body.subnetParameters as subnet>
  ${subnet.logicalId}:
    Type: "AWS::EC2::Subnet::Id"
    Description: ${subnet.description}
<#if subnet.defaultSubnetId??>
    Default: ${subnet.defaultSubnetId}
</#if>
</#list>
<#if !body.networkImported>
  SecurityGroupIds:
    Type: "List<AWS::EC2::SecurityGroup::Id>"
    Description: "Security groups of every instance in this stack"
  KeyName:
    Type: String
    Default: ""
    Description: "EC2 key pair for the instances; empty for none"
</#if>
  KeepPrivateIp:
    Type: String
    AllowedValues:
      - "true"
      - "false"
    Default: "false"
    Description: "true gives each instance its source private IP (the target subnet must contain it)"
Conditions:
<#if !body.networkImported>
  HasKeyName:
    Fn::Not:
      - Fn::Equals:
          - Ref: KeyName
          - ""
</#if>
  <#-- named apart from the parameter: logical names should be unique across the template -->
  UseSourcePrivateIp:
    Fn::Equals:
      - Ref: KeepPrivateIp
      - "true"
</#if>
Resources:
<#list body.instances as instance>
  ${instance.logicalId}:
    Type: "AWS::EC2::Instance"
    Properties:
      ImageId: ${instance.imageId}
      InstanceType: ${instance.instanceType}
<#if instance.network??>
      <#-- in the copies of its own subnet and groups, which the run's network stack exports -->
      SubnetId:
        Fn::ImportValue: ${instance.network.subnetExport}
<#if instance.network.securityGroupExports?has_content>
      SecurityGroupIds:
<#list instance.network.securityGroupExports as group>
        - Fn::ImportValue: ${group}
</#list>
</#if>
<#if instance.network.keyName??>
      KeyName: ${instance.network.keyName}
</#if>
<#if instance.network.instanceProfile??>
      IamInstanceProfile: ${instance.network.instanceProfile}
</#if>
<#else>
      SubnetId:
        Ref: ${instance.subnet.logicalId}
      SecurityGroupIds:
        Ref: SecurityGroupIds
      KeyName:
        Fn::If:
          - HasKeyName
          - Ref: KeyName
          - Ref: "AWS::NoValue"
</#if>
<#if instance.privateIp??>
      PrivateIpAddress:
        Fn::If:
          - UseSourcePrivateIp
          - ${instance.privateIp}
          - Ref: "AWS::NoValue"
</#if>
<#if instance.volumes?has_content>
      <#-- data volumes attached at launch, there when fstab is read. AWS::EC2::Instance has no
           Throughput: a gp3 volume listed here gets 125 MiB/s (its image's mapping keeps the
           source's Throughput for launches from the image itself) -->
      BlockDeviceMappings:
<#list instance.volumes as volume>
        - DeviceName: ${volume.device}
          Ebs:
            SnapshotId: ${volume.snapshotId}
<#if volume.volumeType??>
            VolumeType: ${volume.volumeType}
</#if>
<#if volume.size??>
            VolumeSize: ${volume.size}
</#if>
<#if volume.iops??>
            Iops: ${volume.iops}
</#if>
</#list>
      PropagateTagsToVolumeOnCreation: true
</#if>
      Tags:
        - Key: Name
          Value: ${instance.name}
        - Key: "migrator:source-instance"
          Value: ${instance.sourceId}
        - Key: "migrator:run"
          Value: ${body.runId}
</#list>
<#if !body.instances?has_content>
  <#-- CloudFormation needs at least one resource; this one does nothing -->
  NothingToRecreate:
    Type: "AWS::CloudFormation::WaitConditionHandle"
<#else>
Outputs:
<#list body.instances as instance>
  ${instance.outputLogicalId}:
    Description: ${instance.outputDescription}
    Value:
      Ref: ${instance.logicalId}
</#list>
</#if>
