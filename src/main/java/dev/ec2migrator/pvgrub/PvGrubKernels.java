package dev.ec2migrator.pvgrub;

import dev.ec2migrator.aws.ApiAction;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2CallException;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.model.GrubLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * The PV-GRUB kernel (aki-) for a paravirtual image in a target region: the newest of Amazon's
 * PV-GRUB kernels there for the source's architecture and disk layout, found by name (kernel ids
 * differ per region and Amazon replaces them), asked once per region and kept for the run. A
 * configured {@code migrator.image.pv-grub-kernel.<region>.<architecture>.<layout>} wins.
 */
public class PvGrubKernels {
  static final String OVERRIDE_PREFIX = "migrator.image.pv-grub-kernel.";

  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;
  private final Function<String, Optional<String>> properties;
  private final Map<String, List<PvGrubKernel>> byRegion = new ConcurrentHashMap<>();

  /**
   * @param properties the configuration, by key (the overrides are read from it)
   */
  public PvGrubKernels(
      Ec2Clients clients, ApiRateLimiter limiter, Function<String, Optional<String>> properties) {
    this.clients = clients;
    this.limiter = limiter;
    this.properties = properties;
  }

  /** The kernel id to register a paravirtual image with; empty when the region has none. */
  public Optional<String> kernelId(String region, String architecture, GrubLayout layout) {
    Optional<String> configured =
        properties
            .apply(OVERRIDE_PREFIX + region + "." + architecture + "." + layout.label())
            .map(String::strip)
            .filter(s -> !s.isEmpty());
    if (configured.isPresent()) {
      return configured;
    }
    return amazonKernels(region).stream()
        .filter(k -> k.architecture().equals(architecture) && k.layout() == layout)
        .max(Comparator.comparing(PvGrubKernel::version, PvGrubKernel::compareVersions))
        .map(PvGrubKernel::imageId);
  }

  /** A kernel image of a region by id, when it is one of Amazon's PV-GRUB kernels. */
  Optional<PvGrubKernel> kernel(String region, String kernelId) {
    Optional<PvGrubKernel> known =
        amazonKernels(region).stream().filter(k -> k.imageId().equals(kernelId)).findFirst();
    if (known.isPresent()) {
      return known;
    }
    try {
      return describe(region, r -> r.imageIds(kernelId)).stream().findFirst();
    } catch (Ec2CallException e) {
      if ("InvalidAMIID.NotFound".equals(e.code()) || "InvalidAMIID.Malformed".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Amazon's PV-GRUB kernel images of a region (one DescribeImages per region and run). */
  List<PvGrubKernel> amazonKernels(String region) {
    // one look per region even when several instances ask at once; a failed look is not kept
    return byRegion.computeIfAbsent(
        region,
        r ->
            describe(
                r,
                request ->
                    request
                        .owners("amazon")
                        .filters(
                            Filter.builder().name("image-type").values("kernel").build(),
                            Filter.builder()
                                .name("name")
                                .values("pv-grub-hd0_*.gz", "pv-grub-hd00_*.gz")
                                .build())));
  }

  private List<PvGrubKernel> describe(
      String region, Consumer<DescribeImagesRequest.Builder> request) {
    try {
      limiter.acquire(region, ApiAction.DESCRIBE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for PV-GRUB kernels", e);
    }
    DescribeImagesResponse response;
    try {
      response = clients.forRegion(region).describeImages(request);
    } catch (AwsServiceException e) {
      throw new Ec2CallException("-", "DescribeImages", e);
    }
    List<PvGrubKernel> kernels = new ArrayList<>();
    for (Image image : response.images()) {
      PvGrubKernel.ofImage(image.imageId(), image.name()).ifPresent(kernels::add);
    }
    return List.copyOf(kernels);
  }
}
