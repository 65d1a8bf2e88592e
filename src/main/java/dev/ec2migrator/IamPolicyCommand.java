package dev.ec2migrator;

import dev.ec2migrator.iam.IamPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Prints the IAM policy the migrator needs with this configuration: config/iam-policy.json plus the
 * KMS permissions of each configured copy key, scoped to that key and to EC2 of its region, and
 * those on the keys of encrypted sources in the source region ({@code migrator.source-region}).
 */
@Command(
    name = "iam-policy",
    description =
        "Print the IAM policy for this configuration (KMS scoped to the copy keys and to EC2 of the"
            + " source region).")
final class IamPolicyCommand implements Callable<Integer> {
  private static final String KEY_PREFIX = "migrator.copy.kms-key-id.";

  @ParentCommand MigratorApp app;

  @Override
  public Integer call() throws Exception {
    Launcher launcher = Launcher.forProfile(app.profile());
    PropertiesComponent pc = launcher.properties();
    Path base =
        (launcher.home() == null ? Path.of(".") : launcher.home())
            .resolve("config/iam-policy.json");
    if (!Files.isRegularFile(base)) {
      System.err.println("No such file: " + base);
      return 2;
    }
    Properties all = pc.loadProperties(key -> key.startsWith(KEY_PREFIX));
    Map<String, String> keys = new TreeMap<>();
    for (String key : all.stringPropertyNames()) {
      String value = pc.resolveProperty(key).map(String::strip).orElse("");
      if (!value.isEmpty()) {
        keys.put(key.substring(KEY_PREFIX.length()), value);
      }
    }
    Set<String> sourceRegions =
        pc.resolveProperty("migrator.source-region")
            .map(String::strip)
            .filter(r -> !r.isEmpty())
            .map(Set::of)
            .orElse(Set.of());
    System.out.print(IamPolicy.render(Files.readString(base), sourceRegions, keys));
    return 0;
  }
}
