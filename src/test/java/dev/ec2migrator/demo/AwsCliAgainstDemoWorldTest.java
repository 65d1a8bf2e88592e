package dev.ec2migrator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI with its default options (only the endpoint and dummy credentials given) reads the
 * demo world that {@code simulate} starts: its VPCs, subnets and CloudFormation stacks.
 */
class AwsCliAgainstDemoWorldTest {
  private static final String REGION = "us-east-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The CLI from Debian's awscli package when it is not on PATH; the test fails without it. */
  private static void requireCli() throws Exception {
    if (runs("aws", "--version")) {
      return;
    }
    // the test JVMs run side by side and others install too: wait for dpkg's lock
    runs("apt-get", "-o", "DPkg::Lock::Timeout=600", "update");
    runs("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "awscli");
    if (!runs("aws", "--version")) {
      fail("the AWS CLI (aws) is not on PATH and apt-get install awscli did not provide it");
    }
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode aws(DemoWorld world, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("aws", "--endpoint-url", world.ec2().endpoint().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", "SIMULATED");
    env.put("AWS_SECRET_ACCESS_KEY", "simulated-not-a-secret");
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_PAGER", "");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + ": " + err).isZero();
    return JSON.readTree(out);
  }

  @Test
  void cliDescribesTheNetworkAndStacks() throws Exception {
    requireCli();
    try (DemoWorld world =
        DemoWorld.start(
            Map.of("instances", "4", "dir", dir.resolve("demo").toString(), "time-scale", "100000"),
            REGION)) {
      JsonNode vpcs = aws(world, "ec2", "describe-vpcs");
      assertThat(vpcs.get("Vpcs")).hasSize(2);
      JsonNode subnets =
          aws(
              world,
              "ec2",
              "describe-subnets",
              "--filters",
              "Name=vpc-id,Values=" + vpcs.get("Vpcs").get(0).get("VpcId").asText());
      assertThat(subnets.get("Subnets")).hasSize(4);

      Path template = dir.resolve("vpc.yaml");
      Files.writeString(
          template,
          "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.99.0.0/16\n");
      aws(
          world,
          "cloudformation",
          "create-stack",
          "--stack-name",
          "cli-stack",
          "--template-body",
          "file://" + template);
      String status = "";
      for (int i = 0; i < 20 && !status.equals("CREATE_COMPLETE"); i++) {
        JsonNode stacks = aws(world, "cloudformation", "describe-stacks");
        assertThat(stacks.get("Stacks")).hasSize(1);
        status = stacks.get("Stacks").get(0).get("StackStatus").asText();
      }
      assertThat(status).isEqualTo("CREATE_COMPLETE");
      assertThat(aws(world, "ec2", "describe-vpcs").get("Vpcs")).hasSize(3);
      assertThat(world.cloudFormation().counters().calls(REGION, "DescribeStacks")).isPositive();
    }
  }

  /** The README's look at the fleet: the CLI's paginators send MaxResults=1000 by default. */
  @Test
  void cliReadsTheFleetTheWayTheReadmeShows() throws Exception {
    requireCli();
    try (DemoWorld world =
        DemoWorld.start(
            Map.of("instances", "4", "dir", dir.resolve("demo").toString(), "time-scale", "100000"),
            REGION)) {
      JsonNode reservations = aws(world, "ec2", "describe-instances").get("Reservations");
      // the four seeded instances and the sample's image-path sources
      assertThat(reservations).hasSize(4 + world.sampleSources().size());
      long attached =
          java.util.stream.Stream.concat(world.fleet().stream(), world.sampleSources().stream())
              .mapToLong(i -> i.volumes().size())
              .sum();
      assertThat(aws(world, "ec2", "describe-volumes").get("Volumes")).hasSize((int) attached);
      JsonNode offerings =
          aws(
                  world,
                  "ec2",
                  "describe-instance-type-offerings",
                  "--location-type",
                  "availability-zone",
                  "--filters",
                  "Name=instance-type,Values=" + world.fleet().get(0).instanceType())
              .get("InstanceTypeOfferings");
      assertThat(offerings).hasSize(3);
      assertThat(offerings.get(0).get("Location").asText()).isEqualTo(REGION + "a");
      assertThat(aws(world, "ec2", "describe-snapshots", "--owner-ids", "self").get("Snapshots"))
          .isEmpty();
    }
  }
}
