package dev.ec2migrator.network;

import dev.ec2migrator.aws.Ec2Requests;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The target network: an existing one, or the source VPCs described and recreated. */
public class NetworkBeans implements CamelConfiguration {

  @BindToRegistry("sourceNetworks")
  public SourceNetworks sourceNetworks(
      @PropertyInject("migrator.network.mode") String mode,
      @PropertyInject("migrator.outbox") String outbox,
      @PropertyInject("migrator.network.az-map") String azMap,
      Ec2Requests requests) {
    return new SourceNetworks(
        mode.strip(), outbox.strip(), new SourceNetworkDescriber(requests), azMap.strip());
  }
}
