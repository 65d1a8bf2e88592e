package dev.ec2migrator.demo.ec2;

import dev.ec2migrator.demo.kms.DemoKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a deterministic fleet. Instance {@code i} depends only on the seed, the region and
 * {@code i}, so the first K instances are the same for any fleet size >= K. Instances 1 to 5 are
 * forced to cover the interesting cases (stopped, paravirtual, 1 volume, 4 volumes, hostile tags).
 *
 * <p>Over 250 lines because the draws of one instance (state, type, subnet, tags, volumes) are one
 * ordered sequence from one seeded stream: that order is what keeps a seed's fleet the same fleet,
 * so it stays readable in one place (later additions draw from a second stream, see {@link
 * #instance}).
 */
final class FleetGenerator {
  static final List<String> HOSTILE_VALUES =
      List.of(
          "a,b,c",
          "say \"hello\"",
          "line one\nline two",
          "crlf\r\nline",
          "unicode ✓ café 日本語 🚀",
          "=HYPERLINK(\"http://127.0.0.1\",\"x\")",
          "'; rm -rf /",
          "${x}",
          "$(id)",
          "<b>&amp;</b>",
          "+1-2",
          "@SUM(A1)");

  static final String[] HVM_TYPES = {
    "t3.micro", "t3.large", "m5.large", "m5.xlarge", "c5.xlarge", "r5.2xlarge", "m4.large"
  };
  static final String[] PV_TYPES = {"m1.small", "m1.large", "m3.medium", "t1.micro"};
  private static final String[] ROLES = {"web", "app", "db", "batch", "cache", "oel55", "jump"};
  private static final String[] ENVIRONMENTS = {"prod", "staging", "dev"};
  private static final String[] ROOT_TYPES = {"gp2", "gp3", "io1"};
  private static final String[] DATA_TYPES = {"gp2", "gp3", "io1", "st1"};

  /** The fleet's network: this many VPCs, each with a public and a private subnet per zone. */
  static final int VPCS = 2;

  static final int ZONES = 2;

  /**
   * A /20 subnet of VPC {@code vpc}: 10.{vpcOctet}.{octet}.0/20. Public subnets hold the web and
   * jump hosts, private ones the rest.
   */
  record Subnet(String subnetId, String availabilityZone, int octet, int vpc, boolean isPublic) {}

  private final String region;
  private final long seed;
  private final String ownerId;
  private final List<Subnet> subnets = new ArrayList<>();
  private final Map<String, String> roles = new java.util.HashMap<>();
  private final int slotDrawBound;

  FleetGenerator(String region, long seed) {
    this(region, seed, Ec2SimulatorSettings.defaults().ownerId());
  }

  /**
   * @param ownerId the account whose KMS key encrypts the fleet's encrypted volumes
   */
  FleetGenerator(String region, long seed, String ownerId) {
    this.region = region;
    this.seed = seed;
    this.ownerId = ownerId;
    // a seed's fleet stays the same fleet: the slot draw keeps its bound (4 or 6) so that every
    // later draw of instance i, and so its type, volumes and tags, do not change
    this.slotDrawBound =
        2 * (2 + new SplittableRandom(Ids.mix(seed ^ region.hashCode())).nextInt(2));
    for (int v = 0; v < VPCS; v++) {
      for (int z = 0; z < ZONES; z++) {
        String az = region + (char) ('a' + z);
        for (boolean isPublic : new boolean[] {true, false}) {
          int n = subnets.size();
          int octet = (n % (2 * ZONES)) * 16;
          subnets.add(
              new Subnet(
                  Ids.shortOf("subnet", seed, region.hashCode(), n), az, octet, v, isPublic));
        }
      }
    }
  }

  String vpcId(int vpc) {
    return vpc == 0
        ? Ids.shortOf("vpc", seed, region.hashCode())
        : Ids.shortOf("vpc", seed, region.hashCode(), vpc);
  }

  /** The second octet of VPC {@code vpc}'s 10.x.0.0/16 block. */
  int vpcOctet(int vpc) {
    return (int) (seed & 0x7F) + 128 * vpc;
  }

  List<Subnet> subnets() {
    return List.copyOf(subnets);
  }

  String vpcIdOf(String subnetId) {
    return subnets.stream()
        .filter(s -> s.subnetId().equals(subnetId))
        .map(s -> vpcId(s.vpc()))
        .findFirst()
        .orElseThrow();
  }

  /** The role (web, app, db, ...) of a generated instance, which decides its security group. */
  String role(String instanceId) {
    return roles.get(instanceId);
  }

  /** Gives an instance made outside {@link #generate} (a sample source) its role. */
  void assignRole(String instanceId, String role) {
    roles.put(instanceId, role);
  }

  static boolean isPublicRole(String role) {
    return role.equals("web") || role.equals("jump");
  }

  /**
   * @param volumesPerInstance every instance gets this many volumes; 0 = the seeded mix of 1 to 4
   */
  List<SimInstance> generate(int count, int volumesPerInstance) {
    return generate(new FleetSpec(seed, count, volumesPerInstance));
  }

  /** The spec's instances (not its sample sources), with its change rates and volume sizes. */
  List<SimInstance> generate(FleetSpec spec) {
    List<SimInstance> fleet = new ArrayList<>(spec.instances());
    for (int i = 0; i < spec.instances(); i++) {
      fleet.add(instance(i, spec));
    }
    return fleet;
  }

  SimInstance instance(int i, FleetSpec spec) {
    int volumesPerInstance = spec.volumesPerInstance();
    SplittableRandom r = new SplittableRandom(Ids.mix(seed * 1_000_003L + i));
    // the draws added later (change rate, sizes) come from their own stream, so that a seed's
    // instances keep every earlier draw
    SplittableRandom later = new SplittableRandom(Ids.mix(Ids.mix(seed * 1_000_003L + i) + 1));
    double changeRate = spec.changeRatePerHour().draw(later);
    boolean stopped = r.nextDouble() < 0.2;
    boolean paravirtual = r.nextDouble() < 0.15;
    int volumeCount = 1 + r.nextInt(4);
    boolean hostile = r.nextDouble() < 0.15;
    String architecture = "x86_64";
    // paravirtual hosts boot through PV-GRUB: hd0 = the whole volume is the root file system,
    // hd00 = a partitioned volume with /boot on its first partition (the OEL 5.5 system volume)
    String grubLayout = "hd0";
    int firstEncrypted = Integer.MAX_VALUE; // volumes from this index on are KMS-encrypted
    switch (i) {
      case 0 -> {
        stopped = false;
        paravirtual = false;
        volumeCount = 2;
      }
      case 1 -> stopped = true;
      case 2 -> {
        paravirtual = true;
        stopped = false;
        grubLayout = "hd00";
      }
      case 3 -> volumeCount = 1;
      case 4 -> {
        volumeCount = 4;
        firstEncrypted = 2;
      }
      case 5 -> hostile = true;
      case 10 -> {
        paravirtual = true; // a 32-bit PV-GRUB and kernel
        stopped = false;
        architecture = "i386";
      }
      default -> {}
    }
    if (volumesPerInstance > 0) {
      volumeCount = volumesPerInstance;
    }
    String instanceId = Ids.of("i", seed, i);
    // which VPC and zone; the role decides the public or private subnet there
    int slot = r.nextInt(slotDrawBound) % (VPCS * ZONES);
    String type =
        paravirtual ? PV_TYPES[r.nextInt(PV_TYPES.length)] : HVM_TYPES[r.nextInt(HVM_TYPES.length)];
    String rootDevice = paravirtual || r.nextDouble() < 0.3 ? "/dev/sda1" : "/dev/xvda";
    // the source boots with an older Amazon PV-GRUB of its region
    String kernelId =
        paravirtual ? AmazonKernels.id(region, grubLayout, "1.04", architecture) : null;
    String role = ROLES[r.nextInt(ROLES.length)];
    String name = role + "-" + String.format("%04d", i + 1);
    Subnet subnet = subnets.get(slot * 2 + (isPublicRole(role) ? 0 : 1));
    String privateIp =
        "10."
            + vpcOctet(subnet.vpc())
            + "."
            + (subnet.octet() + (i / 250) % 16)
            + "."
            + (i % 250 + 4);
    roles.put(instanceId, role);

    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Name", name);
    tags.put("Environment", ENVIRONMENTS[r.nextInt(ENVIRONMENTS.length)]);
    tags.put("CostCenter", "cc-" + (100 + r.nextInt(900)));
    if (hostile) {
      if (i == 5) {
        for (int h = 0; h < HOSTILE_VALUES.size(); h++) {
          tags.put("Hostile" + h, HOSTILE_VALUES.get(h));
        }
      } else {
        tags.put("Notes", HOSTILE_VALUES.get(r.nextInt(HOSTILE_VALUES.size())));
      }
    }

    List<SimVolume> volumes = new ArrayList<>();
    List<String> mountPoints = new ArrayList<>();
    mountPoints.add("/");
    for (int v = 0; v < volumeCount; v++) {
      boolean root = v == 0;
      String device = root ? rootDevice : "/dev/sd" + (char) ('f' + v - 1);
      int size = spec.volumeSizeGib() == null ? 0 : spec.volumeSizeGib().drawInt(later);
      SimVolume volume =
          volume(r, instanceId, i, v, device, name, hostile, size).withChangeRate(changeRate);
      if (v >= firstEncrypted) {
        volume = volume.withKmsKey(DemoKeys.arn(ownerId, region, "alias/migration"));
      }
      volumes.add(volume);
      if (!root) {
        mountPoints.add(volumeCount == 2 ? "/data" : "/data" + v);
      }
    }
    return new SimInstance(
        instanceId,
        stopped ? "stopped" : "running",
        type,
        subnet.subnetId(),
        subnet.availabilityZone(),
        privateIp,
        paravirtual ? "paravirtual" : "hvm",
        architecture,
        kernelId,
        rootDevice,
        tags,
        volumes,
        mountPoints);
  }

  private SimVolume volume(
      SplittableRandom r,
      String instanceId,
      int i,
      int v,
      String device,
      String instanceName,
      boolean hostile,
      int sizeGib) {
    boolean root = v == 0;
    String type =
        root ? ROOT_TYPES[r.nextInt(ROOT_TYPES.length)] : DATA_TYPES[r.nextInt(DATA_TYPES.length)];
    // st1 volumes are at least 125 GiB
    int drawn =
        type.equals("st1") ? 125 + r.nextInt(376) : root ? 8 + r.nextInt(93) : 8 + r.nextInt(493);
    int size = sizeGib == 0 ? drawn : type.equals("st1") ? Math.max(125, sizeGib) : sizeGib;
    Integer iops =
        switch (type) {
          case "gp2" -> Math.max(100, Math.min(16000, 3 * size));
          case "gp3" -> 3000;
          // io1 allows at most 50 IOPS per GiB
          case "io1" -> Math.min(50 * size, 1000 + 500 * r.nextInt(9));
          default -> null;
        };
    Integer throughput = type.equals("gp3") ? 125 + 125 * r.nextInt(2) : null;
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Name", instanceName + (root ? "-root" : "-" + device.substring(5)));
    if (hostile && r.nextBoolean()) {
      tags.put("Notes", HOSTILE_VALUES.get(r.nextInt(HOSTILE_VALUES.size())));
    }
    return new SimVolume(Ids.of("vol", seed, i, v), device, size, type, iops, throughput, tags);
  }
}
