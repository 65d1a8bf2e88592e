package dev.ec2migrator.demo;

import dev.ec2migrator.demo.cfn.CloudFormationSimulator;
import dev.ec2migrator.demo.ec2.Ec2Simulator;
import dev.ec2migrator.demo.ec2.Ec2SimulatorSettings;
import dev.ec2migrator.demo.ec2.FleetSpec;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.demo.kms.KmsSimulator;
import dev.ec2migrator.demo.ssh.GrubMenus;
import dev.ec2migrator.demo.ssh.SimHost;
import dev.ec2migrator.demo.ssh.SshHostSimulator;
import dev.ec2migrator.demo.ssh.SshSimulatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo world: the EC2 simulator with a seeded fleet (and its two VPCs) in the source region,
 * CloudFormation on the same endpoint, and one simulated SSH host per running instance (user name =
 * instance id, all on 127.0.0.1). Keys and known_hosts are generated at start into {@code
 * migrator.demo.dir}.
 */
public final class DemoWorld implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoWorld.class);

  private final Ec2Simulator ec2;
  private final CloudFormationSimulator cloudFormation;
  private final KmsSimulator kms;
  private final SshHostSimulator ssh;
  private final List<SimInstance> fleet;
  private final List<SimInstance> sampleSources;
  private final Path keyFile;
  private final Path knownHostsFile;

  private DemoWorld(
      Ec2Simulator ec2,
      CloudFormationSimulator cloudFormation,
      KmsSimulator kms,
      SshHostSimulator ssh,
      List<SimInstance> fleet,
      List<SimInstance> sampleSources,
      Path keyFile,
      Path knownHostsFile) {
    this.ec2 = ec2;
    this.cloudFormation = cloudFormation;
    this.kms = kms;
    this.ssh = ssh;
    this.fleet = List.copyOf(fleet);
    this.sampleSources = List.copyOf(sampleSources);
    this.keyFile = keyFile;
    this.knownHostsFile = knownHostsFile;
  }

  /**
   * @param settings the {@code migrator.demo.*} properties without their prefix
   */
  public static DemoWorld start(Map<String, String> settings, String sourceRegion)
      throws IOException {
    Ec2SimulatorSettings ec2Settings =
        Ec2SimulatorSettings.defaults()
            .withTimeScale(Double.parseDouble(settings.getOrDefault("time-scale", "1000")))
            .withThrottleScale(Double.parseDouble(settings.getOrDefault("throttle-scale", "1")))
            .withDefaultLatency(
                Duration.ofMillis(Long.parseLong(settings.getOrDefault("ec2-latency-ms", "2"))));
    Ec2Simulator ec2 = Ec2Simulator.start(ec2Settings);
    CloudFormationSimulator cloudFormation = CloudFormationSimulator.attach(ec2);
    KmsSimulator kms = KmsSimulator.attach(ec2);
    SshHostSimulator ssh = null;
    try {
      List<SimInstance> fleet =
          ec2.addFleet(
              sourceRegion,
              new FleetSpec(
                      Long.parseLong(settings.getOrDefault("seed", "42")),
                      Integer.parseInt(settings.getOrDefault("instances", "40")),
                      Integer.parseInt(settings.getOrDefault("volumes-per-instance", "0")))
                  .withVolumeSizeGib(settings.getOrDefault("volume-size-gib", ""))
                  .withChangePercentPerHour(settings.getOrDefault("change-rate-per-hour", ""))
                  .withSampleSources());
      ssh =
          SshHostSimulator.start(
              SshSimulatorSettings.defaults()
                  .withSleepScale(Double.parseDouble(settings.getOrDefault("sleep-scale", "1.0"))));
      // stopped instances get a host too, so tests can show that nothing ever logged in there
      for (SimInstance instance : fleet) {
        SimHost host = ssh.addHost(instance.instanceId(), instance.mountPoints());
        if ("paravirtual".equals(instance.virtualizationType())) {
          host.withoutFsfreeze(); // an old kernel and util-linux (OEL 5.5): quiesce auto remounts
          host.grubMenu(
              GrubMenus.bootable(
                  ec2.kernelName(sourceRegion, instance.kernelId()).contains("hd00")
                      ? "hd00"
                      : "hd0",
                  instance.architecture()));
        }
      }
      java.util.Set<String> ids =
          fleet.stream().map(SimInstance::instanceId).collect(java.util.stream.Collectors.toSet());
      for (String busy : list(settings.getOrDefault("busy-hosts", ""))) {
        if (!ids.contains(busy)) {
          // a smaller fleet (simulate --instances 5) may not have it
          LOG.warn("migrator.demo.busy-hosts names {}, not in this demo fleet: ignored", busy);
          continue;
        }
        // an old host without fsfreeze whose / is busy: quiesce auto remounts, and that fails
        ssh.host(busy).withoutFsfreeze();
        ssh.host(busy).failRemountBusy("/", true);
        LOG.info("Demo world: {} has no fsfreeze and reports / busy on remount (exit 32)", busy);
      }
      for (String host : list(settings.getOrDefault("unbootable-pv-hosts", ""))) {
        if (!ids.contains(host)) {
          LOG.warn("migrator.demo.unbootable-pv-hosts names {}, not in this demo fleet", host);
          continue;
        }
        ssh.host(host).grubMenu(GrubMenus.unbootable());
        LOG.info("Demo world: {} has a grub menu PV-GRUB cannot boot", host);
      }
      Path dir = Path.of(settings.getOrDefault("dir", "work/demo")).toAbsolutePath();
      Files.createDirectories(dir);
      Path key = dir.resolve("id_ed25519");
      Path knownHosts = dir.resolve("known_hosts");
      ssh.writeClientPrivateKey(key);
      ssh.writeKnownHosts(knownHosts);
      LOG.info(
          "Demo world (SIMULATED): EC2 and CloudFormation at {} with {} instances in {}, SSH"
              + " hosts on 127.0.0.1:{}",
          ec2.endpoint(),
          fleet.size(),
          sourceRegion,
          ssh.port());
      int seeded = Integer.parseInt(settings.getOrDefault("instances", "40"));
      return new DemoWorld(
          ec2,
          cloudFormation,
          kms,
          ssh,
          fleet.subList(0, seeded),
          fleet.subList(seeded, fleet.size()),
          key,
          knownHosts);
    } catch (IOException | RuntimeException e) {
      cloudFormation.close();
      ec2.close();
      if (ssh != null) {
        ssh.close();
      }
      throw e;
    }
  }

  /** The properties that point the migrator at this world. */
  public Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("migrator.ec2.endpoint", ec2.endpoint().toString());
    // one endpoint is the whole demo AWS: the service comes from each request's signature
    overrides.put("migrator.cloudformation.endpoint", ec2.endpoint().toString());
    overrides.put("migrator.kms.endpoint", ec2.endpoint().toString());
    overrides.put("migrator.ssh.host", "127.0.0.1");
    overrides.put("migrator.ssh.port", String.valueOf(ssh.port()));
    overrides.put("migrator.ssh.user", "{instance-id}");
    overrides.put("migrator.ssh.private-key-file", keyFile.toString());
    overrides.put("migrator.ssh.known-hosts-file", knownHostsFile.toString());
    return overrides;
  }

  public Ec2Simulator ec2() {
    return ec2;
  }

  public CloudFormationSimulator cloudFormation() {
    return cloudFormation;
  }

  public KmsSimulator kms() {
    return kms;
  }

  public SshHostSimulator ssh() {
    return ssh;
  }

  /** The seeded fleet (plain Linux), without the sample sources. */
  public List<SimInstance> fleet() {
    return fleet;
  }

  /** One instance per image path (Windows, licensed, io2 root, uefi+TPM...), after the fleet. */
  public List<SimInstance> sampleSources() {
    return sampleSources;
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public void close() {
    ssh.close();
    cloudFormation.close();
    ec2.close();
  }
}
