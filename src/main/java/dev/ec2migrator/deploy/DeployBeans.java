package dev.ec2migrator.deploy;

import static dev.ec2migrator.wiring.Lifecycle.closeOnStop;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.SdkEndpoint;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** Landing the fleet: the run's stacks in the target region, then the new instances verified. */
public class DeployBeans implements CamelConfiguration {

  @BindToRegistry("cloudFormationClients")
  public CloudFormationClients cloudFormationClients(
      CamelContext context,
      @PropertyInject("migrator.cloudformation.endpoint") String endpoint,
      @PropertyInject("migrator.sdk.max-attempts") int maxAttempts)
      throws Exception {
    SdkEndpoint sdk = SdkEndpoint.of(endpoint);
    return closeOnStop(
        context, new CloudFormationClients(sdk.credentials(), sdk.uri(), maxAttempts));
  }

  @BindToRegistry("deployPlanner")
  public DeployPlanner deployPlanner(@PropertyInject("migrator.outbox") String outbox) {
    return new DeployPlanner(outbox.strip());
  }

  @BindToRegistry("stackDeployer")
  public StackDeployer stackDeployer(
      CloudFormationClients cloudFormation,
      @PropertyInject("migrator.deploy.timeout") String timeout) {
    return new StackDeployer(cloudFormation, timeout.strip());
  }

  @BindToRegistry("instanceVerifier")
  public InstanceVerifier instanceVerifier(
      CloudFormationClients cloudFormation,
      Ec2Clients ec2,
      ApiRateLimiter limiter,
      @PropertyInject("migrator.deploy.verify-timeout") String timeout) {
    return new InstanceVerifier(cloudFormation, ec2, limiter, timeout.strip());
  }
}
