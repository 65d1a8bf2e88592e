package dev.ec2migrator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.demo.ec2.Ec2Counters;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.ec2.SimSnapshot;
import dev.ec2migrator.demo.ec2.SimVolume;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.output.OwnerOnly;
import dev.ec2migrator.run.MigrationRun;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The preflight against the demo world: the check of a list creates nothing (the simulator's own
 * counters), a run fails the instance that is not ready before anything is spent on it, DryRun
 * denials name the action, and the SSH check reads the simulated hosts.
 */
class PreflightTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";

  @AfterEach
  void undoTheWorldsChanges() {
    world().ec2().faults().clear();
    world().ec2().offerings().clear();
  }

  private PreflightReport.Checked check(String name, String content) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("migratorSource", name);
    return template.requestBodyAndHeaders(
        "direct:check-list",
        content.getBytes(StandardCharsets.UTF_8),
        headers,
        PreflightReport.Checked.class);
  }

  private static Map<String, Verdict> byInstance(PreflightReport.Checked checked) {
    return checked.verdicts().stream()
        .collect(Collectors.toMap(v -> v.migration().instanceId(), Function.identity()));
  }

  @Test
  void theCheckOfTheSampleListGivesVerdictsAndCreatesNothing() throws Exception {
    Ec2Counters counters = world().ec2().counters();
    counters.reset();
    int snapshotsBefore = world().ec2().snapshots(SOURCE).size();

    PreflightReport.Checked checked =
        check("sample-instances.csv", Files.readString(Path.of("config/sample-instances.csv")));

    // the sample's Windows, RHEL and Marketplace sources are refused by the image-source rule
    Set<String> refused =
        Set.of("i-b523b0f68c1e2bcbe", "i-2cb2b4e32e75276a7", "i-af94deb1e43056e7a");
    assertThat(checked.verdicts()).hasSize(17);
    assertThat(checked.verdicts())
        .filteredOn(v -> refused.contains(v.migration().instanceId()))
        .hasSize(3)
        .allMatch(v -> !v.ready() && v.findings().get(0).text().contains("image-source"));
    assertThat(checked.verdicts())
        .filteredOn(v -> !refused.contains(v.migration().instanceId()))
        .hasSize(14)
        .allMatch(Verdict::ready);
    // nothing made: every action that is not a Describe was only ever called with DryRun=true
    assertThat(counters.byAction("calls").keySet())
        .allMatch(action -> action.startsWith("Describe"));
    assertThat(world().ec2().snapshots(SOURCE)).hasSize(snapshotsBefore);
    assertThat(counters.dryRuns(SOURCE, "CreateSnapshots")).isEqualTo(14);
    assertThat(counters.dryRuns(TARGET, "CopySnapshot")).isEqualTo(14);
    assertThat(counters.dryRuns(TARGET, "RegisterImage")).isEqualTo(14);
    // offerings asked once per run and instance type, not once per instance
    long types =
        java.util.stream.Stream.concat(world().fleet().stream(), world().sampleSources().stream())
            .filter(
                i ->
                    checked.verdicts().stream()
                        .anyMatch(
                            v -> v.ready() && v.migration().instanceId().equals(i.instanceId())))
            .map(SimInstance::instanceType)
            .distinct()
            .count();
    assertThat(types).isLessThan(14);
    assertThat(counters.calls(TARGET, "DescribeInstanceTypeOfferings")).isEqualTo(types);

    Path csv = checked.csvFile();
    assertThat(csv.getFileName().toString()).endsWith(".preflight.csv");
    assertThat(Files.getPosixFilePermissions(csv)).isEqualTo(OwnerOnly.FILE);
    List<Map<String, String>> rows = readCsv(csv);
    assertThat(rows).hasSize(17);
    assertThat(rows)
        .filteredOn(r -> r.get("verdict").equals("READY"))
        .extracting(r -> r.get("instance_id"))
        .hasSize(14)
        .doesNotContainAnyElementsOf(refused);
    assertThat(rows.get(0).keySet()).containsExactlyElementsOf(PreflightReport.COLUMNS);
    assertThat(rows.get(0).get("instance_id")).isEqualTo("i-b3bade281fd418d98");
  }

  @Test
  void anInstanceNotReadyFailsWithItsReasonAndCostsNothingWhileTheRestMigrates() throws Exception {
    // m5.xlarge leaves ap-southeast-2b, where migrator.network.az-map sends us-east-1b's instances
    world().ec2().offerings().withdrawFromZone(TARGET + "b", "m5.xlarge");
    String notReady = "i-0c15b7400366e19e2"; // m5.xlarge in us-east-1b
    String sameTypeOtherZone = "i-2b56a13d79241b269"; // m5.xlarge in us-east-1a
    String other = "i-407b9856fc4612418"; // t3.large in us-east-1b

    MigrationRun run =
        migrate(
            "one-not-ready.csv",
            "instance_id\n" + notReady + "\n" + sameTypeOtherZone + "\n" + other + "\n");

    Map<String, InstanceMigration> byId =
        run.migrations().stream()
            .collect(Collectors.toMap(InstanceMigration::instanceId, Function.identity()));
    assertThat(byId.get(notReady).stage()).isEqualTo(Stage.FAILED);
    assertThat(byId.get(notReady).error())
        .contains("preflight failed (NotReady)")
        .contains("instance-type: m5.xlarge is not offered in ap-southeast-2b")
        .contains("offered in ap-southeast-2a, ap-southeast-2c");
    assertThat(byId.get(sameTypeOtherZone).stage()).isEqualTo(Stage.DONE);
    assertThat(byId.get(other).stage()).isEqualTo(Stage.DONE);

    Set<String> volumes =
        world().fleet().stream()
            .filter(i -> i.instanceId().equals(notReady))
            .flatMap(i -> i.volumes().stream())
            .map(SimVolume::volumeId)
            .collect(Collectors.toSet());
    assertThat(volumes).isNotEmpty();
    assertThat(world().ec2().snapshots(SOURCE))
        .map(SimSnapshot::volumeId)
        .doesNotContainAnyElementsOf(volumes);
    assertThat(world().ssh().host(notReady).lastQuiescedAt()).isEmpty();
    assertThat(readCsv(run.csvFile()))
        .filteredOn(r -> r.get("source_instance_id").equals(notReady))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.get("status")).isEqualTo("FAILED");
              assertThat(r.get("error")).contains("is not offered in ap-southeast-2b");
            });
  }

  @Test
  void aDeniedDryRunIsAFindingNamingTheActionAndStopModeAlsoAsksStopAndStart() {
    world().ec2().faults().deny("RegisterImage");
    world().ec2().faults().deny("StopInstances");
    String auto = "i-8705b9e4ff10b2456";
    String stop = "i-e0c69b894efd9bb5b";

    Map<String, Verdict> verdicts =
        byInstance(
            check("denied.csv", "instance_id,quiesce_mode\n" + auto + ",\n" + stop + ",stop\n"));

    assertThat(verdicts.get(auto).ready()).isFalse();
    assertThat(verdicts.get(auto).findings())
        .extracting(Finding::text)
        .containsExactly(
            "iam: not allowed to call RegisterImage in ap-southeast-2 (UnauthorizedOperation):"
                + " grant ec2:RegisterImage (config/iam-policy.json has the policy)");
    assertThat(verdicts.get(stop).findings())
        .extracting(Finding::text)
        .anyMatch(t -> t.startsWith("iam: not allowed to call RegisterImage in ap-southeast-2"))
        .anyMatch(t -> t.startsWith("iam: not allowed to call StopInstances in us-east-1"))
        .hasSize(2);
    assertThat(world().ec2().counters().dryRuns(SOURCE, "StartInstances")).isPositive();
  }

  @Test
  void theSshCheckReadsEachHostAndFreezesNothing() throws Exception {
    String noFsfreeze = "i-6b817f5cfbaf5aa46";
    String missingMount = "i-d44451e653136f2b9";
    String noSudo = "i-cfb964e25f89bcc8c";
    String unreachable = "i-f6213c6b37e33a0ff";
    String ready = "i-6b8748a9b3059e92c";
    world().ssh().host(noFsfreeze).withoutFsfreeze();
    world().ssh().host(noSudo).withoutSudoRules();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    Map<String, Verdict> verdicts =
        byInstance(
            check(
                "ssh.csv",
                "instance_id,ssh_host,mount_points,quiesce_mode\n"
                    + noFsfreeze
                    + ",,/,fsfreeze\n"
                    + missingMount
                    + ",,/;/srv,\n"
                    + noSudo
                    + ",,/,\n"
                    + unreachable
                    + ",127.0.0.1:"
                    + closedPort
                    + ",/,\n"
                    + ready
                    + ",,/;/data,\n"));

    assertThat(verdicts.get(noFsfreeze).findings())
        .extracting(Finding::text)
        .contains(
            "ssh: fsfreeze is not installed (quiesce mode fsfreeze): use mode remount or auto")
        .anyMatch(t -> t.startsWith("ssh: sudo does not allow `/usr/sbin/fsfreeze -f /`"));
    // only the ssh check's findings: the pv-grub check reads the paravirtual hosts' menus too
    assertThat(sshFindings(verdicts.get(missingMount)))
        .containsExactly("ssh: /srv is not a mount point on 127.0.0.1 (/proc/mounts)");
    // only the ssh check's findings: the pv-grub check reads the paravirtual hosts' menus too
    assertThat(sshFindings(verdicts.get(noSudo)))
        .containsExactly(
            "ssh: sudo -n -l was refused (sudo: a password is required): install the rules that"
                + " `sudoers <list>` prints");
    assertThat(verdicts.get(unreachable).findings())
        .extracting(Finding::text)
        .singleElement()
        .asString()
        .startsWith(
            "ssh: not reachable: could not connect to "
                + unreachable
                + "@[127.0.0.1]:"
                + closedPort);
    assertThat(verdicts.get(ready).ready()).isTrue();
    for (String host : List.of(noFsfreeze, missingMount, noSudo, ready)) {
      assertThat(world().ssh().host(host).lastQuiescedAt()).as(host).isEmpty();
    }
  }

  private static List<String> sshFindings(Verdict verdict) {
    return verdict.findings().stream()
        .map(Finding::text)
        .filter(t -> t.startsWith("ssh: "))
        .toList();
  }
}
