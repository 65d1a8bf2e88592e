package dev.ec2migrator.pvgrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.model.GrubLayout;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.preflight.PreflightCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pv-grub preflight check as the registry holds it, against the demo world's hosts over real
 * SSH: it reads menu.lst without sudo, keeps the layout for RegisterImage, and reports what PV-GRUB
 * cannot boot with what to change. It creates nothing.
 */
class PvGrubCheckTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  private static final String PARTITIONED = "i-5de96ec40b6c20641";
  private static final String I386 = "i-3fb96e379503688eb";
  private static final String UNBOOTABLE = "i-d44451e653136f2b9";
  private static final String HVM = "i-b3bade281fd418d98";

  @Override
  protected Map<String, String> overrides() {
    return Map.of("migrator.demo.unbootable-pv-hosts", UNBOOTABLE);
  }

  @Test
  void isOneOfThePreflightChecksInTheRegistry() {
    assertThat(context.getRegistry().findByType(PreflightCheck.class))
        .extracting(PreflightCheck::name)
        .contains("pv-grub");
  }

  @Test
  void bootableHostsPassAndTheirLayoutIsKeptForRegisterImage() throws Exception {
    InstanceMigration oel = migration(PARTITIONED, TARGET, "running");
    assertThat(check().findings(oel)).isEmpty();
    assertThat(oel.grubLayout()).isEqualTo(GrubLayout.HD00);

    InstanceMigration i386 = migration(I386, TARGET, "running");
    assertThat(check().findings(i386)).isEmpty();
    assertThat(i386.grubLayout()).isEqualTo(GrubLayout.HD0);

    InstanceMigration hvm = migration(HVM, TARGET, "running");
    assertThat(check().findings(hvm)).isEmpty();
    assertThat(world().ssh().host(HVM).events()).isEmpty();
    assertNothingCreated();
  }

  @Test
  void anUnbootableMenuIsReportedWithWhatToChange() throws Exception {
    InstanceMigration m = migration(UNBOOTABLE, TARGET, "running");
    assertThat(check().findings(m))
        .hasSize(2)
        .anySatisfy(f -> assertThat(f).contains("partition 2").contains("root (hd0,0)"))
        .anySatisfy(f -> assertThat(f).contains("root=/dev/hda3").contains("will not exist"));
    assertThat(m.grubLayout()).isNull();
  }

  @Test
  void aTargetRegionWithoutPvGrubIsReported() throws Exception {
    assertThat(check().findings(migration(I386, "eu-north-1", "running")))
        .singleElement()
        .asString()
        .contains("no PV-GRUB kernel pv-grub-hd0_*-i386.gz")
        .contains("migrator.image.pv-grub-kernel.eu-north-1.i386.hd0");
  }

  @Test
  void aStoppedHostIsJudgedByItsOwnPvGrubKernel() throws Exception {
    // no SSH to a stopped host: the source's PV-GRUB kernel (hd00) tells the layout
    assertThat(check().findings(migration(PARTITIONED, TARGET, "stopped"))).isEmpty();
  }

  private PreflightCheck check() {
    return context.getRegistry().lookupByNameAndType("pvGrubCheck", PreflightCheck.class);
  }

  private void assertNothingCreated() {
    for (String action :
        List.of(
            "CreateSnapshots", "CopySnapshot", "RegisterImage", "CreateTags", "StopInstances")) {
      assertThat(world().ec2().counters().calls(SOURCE, action)).isZero();
      assertThat(world().ec2().counters().calls(TARGET, action)).isZero();
    }
  }

  /** The migration of a demo instance as DescribeInstances shows it, in the given state. */
  private InstanceMigration migration(String instanceId, String targetRegion, String state) {
    SimInstance sim =
        world().fleet().stream().filter(i -> i.instanceId().equals(instanceId)).findFirst().get();
    InstanceMigration m =
        new InstanceMigration(
            "run-1",
            new InstanceEntry(1, instanceId, null, null, null, null, null, null, null, null),
            SOURCE,
            targetRegion);
    m.describedAs(
        new SourceInstance(
            instanceId,
            state,
            sim.instanceType(),
            sim.subnetId(),
            sim.availabilityZone(),
            sim.privateIp(),
            sim.architecture(),
            sim.virtualizationType(),
            sim.kernelId(),
            null,
            sim.rootDeviceName(),
            false,
            null,
            sim.tags(),
            List.of(),
            SourceImageFacts.LINUX));
    return m;
  }
}
