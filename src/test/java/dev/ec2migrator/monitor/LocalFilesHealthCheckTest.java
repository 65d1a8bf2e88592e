package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness of the local files: the SSH key, the inbox and the outbox. */
class LocalFilesHealthCheckTest {
  @TempDir Path dir;

  private HealthCheck.Result call(Path key, Path inbox, Path outbox) throws Exception {
    LocalFilesHealthCheck check = new LocalFilesHealthCheck(key, inbox, outbox);
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      check.setCamelContext(context);
      return check.call();
    }
  }

  @Test
  void upWithAReadableKeyAndWritableFolders() throws Exception {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "key");
    Files.createDirectories(dir.resolve("inbox"));
    // a missing outbox is fine: it is created on the first write
    HealthCheck.Result result = call(key, dir.resolve("inbox"), dir.resolve("out/box"));
    assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
    assertThat(check(key, null, dir).isReadiness()).isTrue();
    assertThat(check(key, null, dir).isLiveness()).isFalse();
  }

  @Test
  void downWhenTheKeyIsMissingOrAFolderIsAFile() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("outbox"), "a file");
    HealthCheck.Result result = call(dir.resolve("missing-key"), null, notAFolder);
    assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(result.getMessage().orElse(""))
        .contains("missing-key is not a readable file")
        .contains("is not a writable folder");
  }

  @Test
  void noKeyIsNeededWhenQuiescingIsOff() throws Exception {
    assertThat(call(null, null, dir).getState()).isEqualTo(HealthCheck.State.UP);
  }

  private static LocalFilesHealthCheck check(Path key, Path inbox, Path outbox) {
    return new LocalFilesHealthCheck(key, inbox, outbox);
  }
}
