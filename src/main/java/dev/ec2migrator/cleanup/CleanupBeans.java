package dev.ec2migrator.cleanup;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.Ec2Describes;
import dev.ec2migrator.aws.Ec2Requests;
import dev.ec2migrator.deploy.CloudFormationClients;
import dev.ec2migrator.deploy.DeployPlanner;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Cleaning up after a run: what it made and no longer needs, listed, then deleted. */
public class CleanupBeans implements CamelConfiguration {

  @BindToRegistry("cleanupPlanner")
  public CleanupPlanner cleanupPlanner(
      @PropertyInject("migrator.outbox") String outbox,
      Ec2Describes describes,
      Ec2Requests requests,
      CloudFormationClients cloudFormation,
      DeployPlanner stacks) {
    return new CleanupPlanner(outbox.strip(), describes, requests, cloudFormation, stacks);
  }

  @BindToRegistry("cleaner")
  public Cleaner cleaner(
      Ec2Clients ec2, ApiRateLimiter limiter, CloudFormationClients cloudFormation) {
    return new Cleaner(ec2, limiter, cloudFormation);
  }
}
