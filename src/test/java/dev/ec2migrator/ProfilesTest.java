package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.DemoWorld;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** What each profile starts: the demo world only in demo, never in aws. */
class ProfilesTest {

  @Test
  void theAwsProfileStartsNoSimulatorAndTakesItsOwnSettings() throws Exception {
    Main main =
        Launcher.forProfile("aws")
            .main(Map.of("migrator.inbox.enabled", "false", "camel.management.port", "0"));
    main.start();
    try {
      var context = main.getCamelContext();
      var properties = context.getPropertiesComponent();
      assertThat(context.getRegistry().lookupByName("demoWorld")).isNull();
      assertThat(properties.resolveProperty("migrator.ec2.endpoint").orElse("")).isBlank();
      assertThat(properties.resolveProperty("migrator.simulated")).contains("false");
      // the profile file wins over application.properties
      assertThat(properties.resolveProperty("migrator.poll.interval")).contains("15000");
      assertThat(properties.resolveProperty("migrator.ssh.known-hosts-file"))
          .contains("~/.ssh/known_hosts");
      // host keys are checked strictly, against the operator's known_hosts
      var ssh =
          context
              .getRegistry()
              .lookupByNameAndType(
                  "sshClientBuilder", dev.ec2migrator.quiesce.BoundedSshClientBuilder.class);
      assertThat(ssh.hostKeyVerifier().orElseThrow().getPath())
          .isEqualTo(java.nio.file.Path.of(System.getProperty("user.home"), ".ssh/known_hosts"));
    } finally {
      main.stop();
    }
  }

  @Test
  void theDemoProfileStartsTheDemoWorldOnLoopback() throws Exception {
    Main main =
        Launcher.forProfile("demo")
            .main(
                Map.of(
                    "camel.management.port",
                    "0",
                    "migrator.inbox.enabled",
                    "false",
                    "migrator.demo.dir",
                    System.getProperty("java.io.tmpdir") + "/migrator-profiles-test"));
    main.start();
    try {
      var context = main.getCamelContext();
      DemoWorld world = context.getRegistry().lookupByNameAndType("demoWorld", DemoWorld.class);
      assertThat(world).isNotNull();
      assertThat(world.ec2().endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(context.getPropertiesComponent().resolveProperty("migrator.ec2.endpoint"))
          .contains(world.ec2().endpoint().toString());
    } finally {
      main.stop();
    }
  }
}
