package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo fleet's instances that show each image path: one line per kind of source. They come
 * after the seeded fleet (ids from the seed and 10,000 + their line), so the seeded instances, and
 * the benchmark's fleet, stay as they were.
 */
final class SampleSources {
  /** One kind of source: its root volume (type, Iops, Throughput) and its platform facts. */
  record Kind(
      String name,
      String instanceType,
      String virtualizationType,
      String rootType,
      Integer rootIops,
      Integer rootThroughput,
      SourceFacts facts) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind("win", "m5.large", "hvm", "gp3", 3000, 125, SourceFacts.windows()),
          new Kind(
              "rhel",
              "m5.large",
              "hvm",
              "gp2",
              300,
              null,
              SourceFacts.licensed("Red Hat Enterprise Linux", "RunInstances:0010")),
          new Kind("dbio2", "r5.2xlarge", "hvm", "io2", 16000, null, SourceFacts.linux("hvm")),
          new Kind(
              "secure",
              "m6i.large",
              "hvm",
              "gp3",
              4000,
              250,
              SourceFacts.linux("hvm").withUefiTpm(uefiStore("secure"))),
          new Kind(
              "mkt",
              "m5.large",
              "hvm",
              "gp2",
              300,
              null,
              SourceFacts.linux("hvm")
                  .withProductCode("8fhzvbq2cx6pjxc7ypj3pqdnl", "marketplace")));

  /** An instance with its facts. */
  record Sample(SimInstance instance, SourceFacts facts) {}

  private SampleSources() {}

  static List<Sample> generate(FleetGenerator generator, long seed, String region) {
    List<Sample> samples = new ArrayList<>();
    List<FleetGenerator.Subnet> privateSubnets =
        generator.subnets().stream().filter(s -> !s.isPublic()).toList();
    for (int k = 0; k < KINDS.size(); k++) {
      Kind kind = KINDS.get(k);
      int n = 10_000 + k;
      String instanceId = Ids.of("i", seed, n);
      FleetGenerator.Subnet subnet = privateSubnets.get(k % privateSubnets.size());
      String name = kind.name() + "-" + String.format("%04d", k + 1);
      generator.assignRole(instanceId, "app");
      String root = "/dev/sda1";
      List<SimVolume> volumes =
          List.of(
              new SimVolume(
                  Ids.of("vol", seed, n, 0),
                  root,
                  50,
                  kind.rootType(),
                  kind.rootIops(),
                  kind.rootThroughput(),
                  Map.of("Name", name + "-root")),
              new SimVolume(
                  Ids.of("vol", seed, n, 1),
                  "/dev/sdf",
                  100,
                  "gp3",
                  3000,
                  125,
                  Map.of("Name", name + "-sdf")));
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("Name", name);
      tags.put("Environment", "prod");
      String privateIp =
          "10." + generator.vpcOctet(subnet.vpc()) + "." + subnet.octet() + "." + (200 + k);
      samples.add(
          new Sample(
              new SimInstance(
                  instanceId,
                  "running",
                  kind.instanceType(),
                  subnet.subnetId(),
                  subnet.availabilityZone(),
                  privateIp,
                  kind.virtualizationType(),
                  kind.facts().architecture(),
                  null,
                  root,
                  tags,
                  volumes,
                  List.of("/", "/data")),
              kind.facts()));
    }
    return samples;
  }

  /** A stand-in UEFI variable store (base64), the same for the same name. */
  private static String uefiStore(String name) {
    return java.util.Base64.getEncoder()
        .encodeToString(("ec2-region-migrator demo UEFI variable store of " + name).getBytes());
  }
}
