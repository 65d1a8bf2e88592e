package dev.ec2migrator.aws;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The EC2 calls the steps make, all through {@link Ec2Requests}: the shared describes, an
 * instance's snapshots, copies and image, stopping and starting it.
 */
public class Ec2CallBeans implements CamelConfiguration {

  @BindToRegistry(value = "ec2Describes")
  public Ec2Describes ec2Describes(Ec2Requests requests) {
    return new Ec2Describes(requests);
  }

  @BindToRegistry(value = "ec2Gateway")
  public Ec2Gateway ec2Gateway(Ec2Requests requests, Ec2Describes describes) {
    return new Ec2Gateway(requests, describes);
  }

  @BindToRegistry(value = "instancePower")
  public InstancePower instancePower(Ec2Requests requests) {
    return new InstancePower(requests);
  }
}
