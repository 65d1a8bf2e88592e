package dev.ec2migrator.pvgrub;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import dev.ec2migrator.quiesce.SshTargets;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

/**
 * The PV-GRUB beans: the kernel lookup, the grub menu reader, the boot decision RegisterImage uses
 * and its preflight check, on top of AwsBeans' EC2 clients and QuiesceBeans' SSH client.
 */
@Configuration
public class PvGrubConfiguration implements CamelConfiguration {

  @BindToRegistry(value = "pvGrubKernels")
  public PvGrubKernels pvGrubKernels(
      @BeanInject("ec2Clients") Ec2Clients clients,
      @BeanInject("apiRateLimiter") ApiRateLimiter limiter,
      CamelContext context) {
    return new PvGrubKernels(
        clients, limiter, key -> context.getPropertiesComponent().resolveProperty(key));
  }

  /** The boot decision RegisterImage asks; its preflight check (pvGrubCheck) shares its caches. */
  @BindToRegistry(value = "pvGrubBoot")
  public PvGrubBoot pvGrubBoot(
      @BeanInject("pvGrubKernels") PvGrubKernels kernels,
      @BeanInject("sshTargets") SshTargets targets,
      CamelContext context) {
    // bound by QuiesceBeans as itself (see there), so looked up rather than injected
    BoundedSshClientBuilder ssh =
        context
            .getRegistry()
            .lookupByNameAndType("sshClientBuilder", BoundedSshClientBuilder.class);
    PvGrubBoot boot = new PvGrubBoot(kernels, new GrubMenuReader(ssh, targets));
    context.getRegistry().bind("pvGrubCheck", new PvGrubCheck(boot));
    return boot;
  }
}
