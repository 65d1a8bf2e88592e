package dev.ec2migrator.cloudformation;

import java.util.List;

/** The data model of one rendered template file (one CloudFormation stack). */
public record StackTemplate(
    String fileName,
    int partNumber,
    int partCount,
    YamlString description,
    YamlString runId,
    YamlString targetRegion,
    List<SubnetParameter> subnetParameters,
    List<InstancePlan> instances,
    List<SkippedInstance> skipped,
    boolean networkImported) {}
