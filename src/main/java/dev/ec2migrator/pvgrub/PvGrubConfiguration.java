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
 * and its preflight check. Bound lazily, on top of MigratorConfiguration's EC2 clients and SSH
 * client.
 */
@Configuration
public class PvGrubConfiguration implements CamelConfiguration {

  @BindToRegistry(value = "pvGrubKernels", lazy = true)
  public PvGrubKernels pvGrubKernels(
      @BeanInject("ec2Clients") Ec2Clients clients,
      @BeanInject("apiRateLimiter") ApiRateLimiter limiter,
      CamelContext context) {
    return new PvGrubKernels(
        clients, limiter, key -> context.getPropertiesComponent().resolveProperty(key));
  }

  @BindToRegistry(value = "pvGrubBoot", lazy = true)
  public PvGrubBoot pvGrubBoot(
      @BeanInject("pvGrubKernels") PvGrubKernels kernels,
      @BeanInject("sshClientBuilder") BoundedSshClientBuilder ssh,
      @BeanInject("sshTargets") SshTargets targets) {
    return new PvGrubBoot(kernels, new GrubMenuReader(ssh, targets));
  }

  @BindToRegistry(value = "pvGrubCheck", lazy = true)
  public PvGrubCheck pvGrubCheck(@BeanInject("pvGrubBoot") PvGrubBoot boot) {
    return new PvGrubCheck(boot);
  }
}
