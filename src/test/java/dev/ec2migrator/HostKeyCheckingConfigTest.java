package dev.ec2migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2migrator.quiesce.BoundedSshClientBuilder;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** A blank known-hosts setting never turns host-key checking off; only an explicit "off" does. */
class HostKeyCheckingConfigTest {

  private static Main aws(Map<String, String> properties) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put("migrator.inbox.enabled", "false");
    all.put("camel.management.port", "0");
    return Launcher.forProfile("aws").main(all);
  }

  @Test
  void theAwsProfileRefusesToStartWithABlankKnownHostsFile() {
    Main main = aws(Map.of("migrator.ssh.known-hosts-file", ""));
    try {
      assertThatThrownBy(main::start)
          .rootCause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("migrator.ssh.known-hosts-file is empty")
          .hasMessageContaining("migrator.ssh.host-key-checking=off");
    } finally {
      main.stop();
    }
  }

  @Test
  void anUnknownCheckingValueIsRefused() {
    Main main = aws(Map.of("migrator.ssh.host-key-checking", "no"));
    try {
      assertThatThrownBy(main::start)
          .rootCause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("migrator.ssh.host-key-checking must be strict or off, not 'no'");
    } finally {
      main.stop();
    }
  }

  @Test
  void checkingIsOffOnlyWhenSaidSo() throws Exception {
    Main off =
        aws(Map.of("migrator.ssh.known-hosts-file", "", "migrator.ssh.host-key-checking", "off"));
    off.start();
    try {
      BoundedSshClientBuilder ssh =
          off.getCamelContext()
              .getRegistry()
              .lookupByNameAndType("sshClientBuilder", BoundedSshClientBuilder.class);
      assertThat(ssh.hostKeyVerifier()).isEmpty();
    } finally {
      off.stop();
    }
  }
}
