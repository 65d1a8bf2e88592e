package dev.ec2migrator.pvgrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.demo.ec2.AmazonKernels;
import dev.ec2migrator.demo.ec2.Ec2Simulator;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.model.GrubLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The PV-GRUB kernel by architecture and layout, found by name over the SDK in the simulator. */
class PvGrubKernelsTest {
  private static final String TARGET = "ap-southeast-2";

  private Ec2Simulator sim;
  private Ec2Clients clients;
  private final Map<String, String> properties = new HashMap<>();
  private PvGrubKernels kernels;

  @BeforeEach
  void start() {
    sim = Ec2Simulator.start(Ec2SimulatorSettings.defaults());
    clients =
        new Ec2Clients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("SIMULATED", "x")),
            sim.endpoint(),
            1,
            2,
            new ApiCallCounter(),
            (region, client) -> {});
    kernels =
        new PvGrubKernels(
            clients,
            new ApiRateLimiter(Map.of("describe", "50/10")),
            key -> Optional.ofNullable(properties.get(key)));
  }

  @AfterEach
  void stop() {
    clients.close();
    sim.close();
  }

  @Test
  void theNewestKernelOfTheArchitectureAndLayoutAskedOncePerRegion() {
    assertThat(kernels.kernelId(TARGET, "i386", GrubLayout.HD0))
        .contains(AmazonKernels.id(TARGET, "hd0", "1.05", "i386"));
    assertThat(kernels.kernelId(TARGET, "x86_64", GrubLayout.HD00))
        .contains(AmazonKernels.id(TARGET, "hd00", "1.05", "x86_64"));
    assertThat(kernels.kernelId(TARGET, "x86_64", GrubLayout.HD0))
        .contains(AmazonKernels.id(TARGET, "hd0", "1.05", "x86_64"))
        .isNotEqualTo(kernels.kernelId("us-east-1", "x86_64", GrubLayout.HD0));
    assertThat(sim.counters().calls(TARGET, "DescribeImages")).isEqualTo(1);
  }

  @Test
  void aRegionWithoutPvGrubHasNoKernelAndAnOverrideWins() {
    assertThat(kernels.kernelId("eu-north-1", "x86_64", GrubLayout.HD0)).isEmpty();
    properties.put("migrator.image.pv-grub-kernel.eu-north-1.x86_64.hd0", " aki-0123abcd ");
    assertThat(kernels.kernelId("eu-north-1", "x86_64", GrubLayout.HD0)).contains("aki-0123abcd");
    assertThat(kernels.kernelId("eu-north-1", "i386", GrubLayout.HD0)).isEmpty();
  }

  @Test
  void theSourcesOwnPvGrubKernelTellsItsLayout() {
    String hd00 = AmazonKernels.id("us-east-1", "hd00", "1.04", "i386");
    assertThat(kernels.kernel("us-east-1", hd00))
        .hasValueSatisfying(
            k -> {
              assertThat(k.layout()).isEqualTo(GrubLayout.HD00);
              assertThat(k.architecture()).isEqualTo("i386");
            });
    // a kernel of another region, or no kernel at all, tells nothing
    assertThat(kernels.kernel("us-east-1", AmazonKernels.id(TARGET, "hd0", "1.05", "i386")))
        .isEmpty();
  }

  @Test
  void versionsCompareByNumberNotByText() {
    assertThat(PvGrubKernel.compareVersions("1.10", "1.9")).isPositive();
    assertThat(PvGrubKernel.ofImage("aki-1", "pv-grub-hd00_1.05-x86_64.gz"))
        .hasValueSatisfying(k -> assertThat(k.layout()).isEqualTo(GrubLayout.HD00));
    assertThat(PvGrubKernel.ofImage("aki-1", "pv-grub-hd0-V1.01-x86_64.gz")).isEmpty();
  }
}
