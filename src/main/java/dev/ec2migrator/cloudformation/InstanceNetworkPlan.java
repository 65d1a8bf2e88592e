package dev.ec2migrator.cloudformation;

import java.util.List;

/**
 * Where an instance goes in the recreated network: the exports of the network stack naming the copy
 * of its subnet and of each of its security groups, and its own key pair and profile.
 *
 * @param keyName null when the source had none (the key pair must exist in the target region)
 * @param instanceProfile null when the source had none (IAM is global: the same profile)
 */
public record InstanceNetworkPlan(
    YamlString subnetExport,
    List<YamlString> securityGroupExports,
    YamlString keyName,
    YamlString instanceProfile) {}
