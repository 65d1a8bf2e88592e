package dev.ec2migrator;

import dev.ec2migrator.aws.AwsBeans;
import dev.ec2migrator.aws.Ec2CallBeans;
import dev.ec2migrator.aws.SnapshotBeans;
import dev.ec2migrator.cleanup.CleanupBeans;
import dev.ec2migrator.cloudformation.CloudFormationBeans;
import dev.ec2migrator.cutover.CutoverBeans;
import dev.ec2migrator.deploy.DeployBeans;
import dev.ec2migrator.image.ImageConfiguration;
import dev.ec2migrator.input.InputBeans;
import dev.ec2migrator.kms.KmsConfiguration;
import dev.ec2migrator.monitor.MonitoringBeans;
import dev.ec2migrator.network.NetworkBeans;
import dev.ec2migrator.output.OutputBeans;
import dev.ec2migrator.preflight.PreflightConfiguration;
import dev.ec2migrator.pvgrub.PvGrubConfiguration;
import dev.ec2migrator.quiesce.QuiesceBeans;
import dev.ec2migrator.report.ReportBeans;
import dev.ec2migrator.run.RunBeans;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.MainConfigurationProperties;

/**
 * The configuration classes that bind the routes' beans: the one list the launcher and the tests
 * use. camel-main binds the beans class by class in this order, so a bean method takes the beans of
 * the classes above it as parameters. Within a class Camel binds the methods without parameters
 * first, then the plain ones (taking no bean of a sibling that has parameters), then the rest: a
 * bean may take a sibling without parameters or a plain one, and a longer chain is split into two
 * classes (AwsBeans, Ec2CallBeans, SnapshotBeans). MigratorWiringTest checks it.
 */
public final class MigratorWiring {
  static final List<Class<? extends CamelConfiguration>> PRODUCT =
      List.of(
          AwsBeans.class,
          Ec2CallBeans.class,
          SnapshotBeans.class,
          RunBeans.class,
          InputBeans.class,
          QuiesceBeans.class,
          DeployBeans.class,
          CleanupBeans.class,
          NetworkBeans.class,
          CloudFormationBeans.class,
          ImageConfiguration.class,
          OutputBeans.class,
          MonitoringBeans.class,
          ReportBeans.class,
          PvGrubConfiguration.class,
          KmsConfiguration.class,
          PreflightConfiguration.class,
          CutoverBeans.class);

  /** Named, not imported: product code has no dependency on the demo world. */
  static final String DEMO_CONFIGURATION = "dev.ec2migrator.demo.DemoConfiguration";

  private MigratorWiring() {}

  /**
   * @param demo the demo world first ({@code migrator.demo.enabled}): it points the endpoint
   *     properties at its simulators before any bean reads them
   */
  public static void addTo(MainConfigurationProperties main, boolean demo) {
    if (demo) {
      add(main, demoConfiguration());
    }
    PRODUCT.forEach(c -> add(main, c));
  }

  /**
   * Adds the configuration as an instance: camel-main 4.17 post-processes a configuration added as
   * a class twice (once when it creates it, again with the instances), so each of its
   * {@code @BindToRegistry} methods would run twice (two demo worlds, two of every executor).
   */
  static void add(MainConfigurationProperties main, Class<? extends CamelConfiguration> type) {
    try {
      main.addConfiguration(type.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the configuration " + type.getName(), e);
    }
  }

  private static Class<? extends CamelConfiguration> demoConfiguration() {
    try {
      return Class.forName(DEMO_CONFIGURATION).asSubclass(CamelConfiguration.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "migrator.demo.enabled is true but this build has no demo world ("
              + DEMO_CONFIGURATION
              + ")",
          e);
    }
  }
}
