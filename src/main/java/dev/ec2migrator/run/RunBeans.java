package dev.ec2migrator.run;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.Ec2Describes;
import dev.ec2migrator.aws.Ec2Gateway;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.pvgrub.PvGrubBoot;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** A run: its registry of lists and instances, the instance steps and the threads they run on. */
public class RunBeans implements CamelConfiguration {

  @BindToRegistry("runRegistry")
  public RunRegistry runRegistry(
      SnapshotTracker tracker,
      @PropertyInject("migrator.source-region") String sourceRegion,
      @PropertyInject("migrator.target-region") String targetRegion) {
    return new RunRegistry(tracker, sourceRegion.strip(), targetRegion.strip());
  }

  /**
   * A paravirtual source's kernel from PV-GRUB's choice; copies encrypted with
   * migrator.copy.kms-key-id.&lt;target region&gt;.
   */
  @BindToRegistry("instanceSteps")
  public InstanceSteps instanceSteps(
      CamelContext context, Ec2Gateway gateway, CopySlots copySlots, SnapshotTracker tracker) {
    return new InstanceSteps(
        gateway,
        copySlots,
        tracker,
        // bound lazily by PvGrubConfiguration, listed after this class
        m -> context.getRegistry().lookupByNameAndType("pvGrubBoot", PvGrubBoot.class).kernelFor(m),
        region ->
            context
                .getPropertiesComponent()
                .resolveProperty("migrator.copy.kms-key-id." + region)
                .map(String::strip)
                .orElse(""));
  }

  @BindToRegistry("fleetDescriber")
  public FleetDescriber fleetDescriber(
      Ec2Clients clients, ApiRateLimiter limiter, Ec2Describes describes) {
    return new FleetDescriber(clients, limiter, describes);
  }

  @BindToRegistry("badInputReport")
  public BadInputReport badInputReport() {
    return new BadInputReport();
  }

  /** Instances in a blocking step at once; waits (async delays) hold no thread of it. */
  @BindToRegistry("instanceExecutor")
  public ExecutorService instanceExecutor(
      CamelContext context, @PropertyInject("migrator.parallelism") int parallelism) {
    return context
        .getExecutorServiceManager()
        .newFixedThreadPool(this, "migrate-instance", parallelism);
  }
}
