package dev.ec2migrator.cloudformation;

import java.nio.charset.StandardCharsets;

/**
 * CloudFormation's per-template quotas (500 resources, 200 outputs, 200 parameters, 1 MB body from
 * S3), configurable so tests can exercise splitting with a small fleet.
 */
public record CloudFormationLimits(
    int maxResources, int maxOutputs, int maxParameters, int maxTemplateBytes) {

  /** SecurityGroupIds, KeyName, KeepPrivateIp: every part has them besides its subnets. */
  public static final int FIXED_PARAMETERS = 3;

  public CloudFormationLimits {
    if (maxResources < 1 || maxOutputs < 1 || maxParameters <= FIXED_PARAMETERS) {
      throw new IllegalArgumentException(
          "CloudFormation limits too small: resources "
              + maxResources
              + ", outputs "
              + maxOutputs
              + ", parameters "
              + maxParameters
              + " (needs more than "
              + FIXED_PARAMETERS
              + ")");
    }
  }

  /** The network is one stack (its exports are what the instance stacks import). */
  public NetworkTemplate checkNetwork(NetworkTemplate network) {
    if (network.resourceCount() > maxResources || network.outputCount() > maxOutputs) {
      throw new IllegalArgumentException(
          "the network to recreate needs "
              + network.resourceCount()
              + " resources and "
              + network.outputCount()
              + " outputs, more than one stack may hold ("
              + maxResources
              + " resources, "
              + maxOutputs
              + " outputs): recreate it in parts by hand, or use migrator.network.mode = existing");
    }
    return network;
  }

  /** The size estimate in {@link StackSplitter} is conservative; this catches a template edit. */
  public String checkRenderedSize(String template) {
    int bytes = template.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxTemplateBytes) {
      throw new IllegalStateException(
          "rendered template has "
              + bytes
              + " bytes, more than migrator.cloudformation.max-template-bytes "
              + maxTemplateBytes);
    }
    return template;
  }
}
