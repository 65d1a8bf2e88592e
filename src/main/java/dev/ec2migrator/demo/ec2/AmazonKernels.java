package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon's public PV-GRUB kernel images (aki-) of a region, as DescribeImages shows them to any
 * account ({@code Owner=amazon}): versions 1.03 to 1.05 for hd0 and hd00, i386 and x86_64. Their
 * ids differ per region; regions opened after paravirtual instances were retired have none.
 */
public final class AmazonKernels {
  /** The owner id AWS shows on Amazon's kernel images (alias "amazon"). */
  static final String OWNER_ID = "137112412989";

  static final List<String> VERSIONS = List.of("1.03", "1.04", "1.05");

  private static final Set<String> PV_REGIONS =
      Set.of(
          "us-east-1",
          "us-west-1",
          "us-west-2",
          "eu-west-1",
          "eu-central-1",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-northeast-1",
          "sa-east-1");

  /** One kernel image; {@code name} is e.g. {@code pv-grub-hd00_1.05-x86_64.gz}. */
  public record Kernel(String imageId, String name, String architecture, int seq) {}

  private AmazonKernels() {}

  /** Every PV-GRUB kernel of the region, oldest version first. */
  public static List<Kernel> inRegion(String region) {
    List<Kernel> kernels = new ArrayList<>();
    if (!PV_REGIONS.contains(region)) {
      return kernels;
    }
    for (String version : VERSIONS) {
      for (String layout : List.of("hd0", "hd00")) {
        for (String architecture : List.of("i386", "x86_64")) {
          kernels.add(
              new Kernel(
                  id(region, layout, version, architecture),
                  "pv-grub-" + layout + "_" + version + "-" + architecture + ".gz",
                  architecture,
                  kernels.size() + 1));
        }
      }
    }
    return kernels;
  }

  /** The id of one kernel in a region (whether or not the region has it). */
  public static String id(String region, String layout, String version, String architecture) {
    return Ids.shortOf(
        "aki",
        region.hashCode(),
        layout.hashCode(),
        version.hashCode(),
        architecture.hashCode(),
        0x6b65726eL);
  }

  public static Optional<Kernel> byId(String region, String imageId) {
    return inRegion(region).stream().filter(k -> k.imageId().equals(imageId)).findFirst();
  }

  /** DescribeImages' answer for Amazon's kernels: the filters a client sends for them. */
  static boolean matches(FilterSpec f, Kernel k) {
    return switch (f.name()) {
      case "name" -> f.matches(k.name());
      case "image-id" -> f.matches(k.imageId());
      case "image-type" -> f.matches("kernel");
      case "architecture" -> f.matches(k.architecture());
      case "owner-alias" -> f.matches("amazon");
      case "owner-id" -> f.matches(OWNER_ID);
      case "is-public" -> f.matches("true");
      case "state" -> f.matches("available");
      case "root-device-type" -> f.matches("instance-store");
      default -> throw FilterSpec.unknown(f.name());
    };
  }

  static void write(Kernel k, String region, XmlWriter out) {
    out.start("item")
        .element("imageId", k.imageId())
        .element("imageLocation", "ec2-public-images-" + region + "/" + k.name() + ".manifest.xml")
        .element("imageState", "available")
        .element("imageOwnerId", OWNER_ID)
        .element("creationDate", "2014-12-03T22:13:36.000Z")
        .element("isPublic", true)
        .element("architecture", k.architecture())
        .element("imageType", "kernel")
        .element("name", k.name())
        .element("imageOwnerAlias", "amazon")
        .element("rootDeviceType", "instance-store")
        .start("blockDeviceMapping")
        .end("blockDeviceMapping")
        .element("virtualizationType", "paravirtual")
        .element("hypervisor", "xen")
        .end("item");
  }

  /**
   * DescribeImages for Amazon's kernels ({@code Owner=amazon}, or kernel ids): the region's kernels
   * that match every filter and id.
   */
  static void describe(
      List<String> ids,
      List<FilterSpec> filters,
      Integer maxResults,
      String token,
      CallContext ctx,
      XmlWriter out) {
    List<Kernel> all = inRegion(ctx.regionName());
    for (String id : ids) {
      if (all.stream().noneMatch(k -> k.imageId().equals(id))) {
        throw Ec2Exception.imageNotFound(id);
      }
    }
    List<Kernel> matching =
        all.stream()
            .filter(k -> ids.isEmpty() || ids.contains(k.imageId()))
            .filter(k -> filters.stream().allMatch(f -> matches(f, k)))
            .toList();
    Paginator.write(
        matching,
        Kernel::seq,
        maxResults,
        token,
        "imagesSet",
        out,
        k -> write(k, ctx.regionName(), out));
  }
}
