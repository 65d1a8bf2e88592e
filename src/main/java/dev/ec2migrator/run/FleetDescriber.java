package dev.ec2migrator.run;

import dev.ec2migrator.aws.ApiAction;
import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.Ec2Describes;
import dev.ec2migrator.image.ImageSourceRules;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.SourceVolume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Describes the fleet in batches: one DescribeInstances (through camel-aws2-ec2) and one
 * DescribeVolumes per region and up to 200 instances, never a call per instance. An id filter is
 * used rather than InstanceIds, because one unknown id in InstanceIds fails the whole call.
 */
public class FleetDescriber {
  static final int BATCH = 200;

  /** Instances of one region described together. */
  public record DescribeBatch(String region, List<InstanceMigration> migrations) {}

  private final Ec2Clients clients;
  private final ApiRateLimiter limiter;
  private final Ec2Describes describes;

  public FleetDescriber(Ec2Clients clients, ApiRateLimiter limiter, Ec2Describes describes) {
    this.clients = clients;
    this.limiter = limiter;
    this.describes = describes;
  }

  public List<DescribeBatch> batches(MigrationRun run) {
    Map<String, List<InstanceMigration>> byRegion =
        run.migrations().stream()
            .collect(
                Collectors.groupingBy(
                    InstanceMigration::sourceRegion, LinkedHashMap::new, Collectors.toList()));
    List<DescribeBatch> batches = new ArrayList<>();
    byRegion.forEach(
        (region, migrations) -> {
          clients.forRegion(region);
          migrations.forEach(m -> clients.forRegion(m.targetRegion()));
          for (int i = 0; i < migrations.size(); i += BATCH) {
            batches.add(
                new DescribeBatch(
                    region, migrations.subList(i, Math.min(migrations.size(), i + BATCH))));
          }
        });
    return batches;
  }

  /** The request for one batch, sent once the describe bucket has a token. */
  public DescribeInstancesRequest request(DescribeBatch batch) throws InterruptedException {
    batch.migrations().forEach(InstanceMigration::describing);
    limiter.acquire(batch.region(), ApiAction.DESCRIBE);
    return DescribeInstancesRequest.builder()
        .filters(
            Filter.builder()
                .name("instance-id")
                .values(batch.migrations().stream().map(InstanceMigration::instanceId).toList())
                .build())
        .build();
  }

  /** Records what was found; an instance AWS does not know, or cannot migrate, fails here. */
  public void apply(DescribeBatch batch, DescribeInstancesResponse response) {
    Map<String, Instance> found =
        response.reservations().stream()
            .flatMap(r -> r.instances().stream())
            .collect(Collectors.toMap(Instance::instanceId, Function.identity(), (a, b) -> a));
    Map<String, List<Volume>> volumes = describes.describeVolumes(batch.region(), found.keySet());
    for (InstanceMigration m : batch.migrations()) {
      m.started();
      Instance instance = found.get(m.instanceId());
      if (instance == null) {
        m.failed(
            m.instanceId()
                + ": describe failed (InvalidInstanceID.NotFound): no such instance in "
                + m.sourceRegion());
        continue;
      }
      String state = instance.state().nameAsString();
      if (!"running".equals(state) && !"stopped".equals(state)) {
        m.failed(
            m.instanceId()
                + ": describe failed (IncorrectState): the instance is "
                + state
                + "; only running or stopped instances are migrated");
        continue;
      }
      if (!"ebs".equals(instance.rootDeviceTypeAsString())) {
        m.failed(
            m.instanceId()
                + ": describe failed (UnsupportedOperation): the root device is "
                + instance.rootDeviceTypeAsString()
                + ", not EBS");
        continue;
      }
      SourceInstance source = source(instance, volumes.getOrDefault(m.instanceId(), List.of()));
      // refused before any freeze or snapshot: nothing is spent on an image that cannot be made
      List<String> refusals = ImageSourceRules.refusals(source);
      if (!refusals.isEmpty()) {
        m.describedAs(source);
        m.failed(m.instanceId() + ": preflight image-source: " + String.join("; ", refusals));
        continue;
      }
      m.describedAs(source);
    }
  }

  private static SourceInstance source(Instance i, List<Volume> volumes) {
    Map<String, Boolean> deleteOnTermination = new HashMap<>();
    for (InstanceBlockDeviceMapping b : i.blockDeviceMappings()) {
      if (b.ebs() != null) {
        deleteOnTermination.put(
            b.ebs().volumeId(), Boolean.TRUE.equals(b.ebs().deleteOnTermination()));
      }
    }
    List<SourceVolume> attached = new ArrayList<>();
    for (Volume v : volumes) {
      String device =
          v.attachments().stream()
              .filter(a -> i.instanceId().equals(a.instanceId()))
              .map(a -> a.device())
              .findFirst()
              .orElse("");
      attached.add(
          new SourceVolume(
              v.volumeId(),
              device,
              device.equals(i.rootDeviceName()),
              v.size(),
              v.volumeTypeAsString(),
              v.iops(),
              v.throughput(),
              Boolean.TRUE.equals(v.encrypted()),
              deleteOnTermination.getOrDefault(v.volumeId(), false),
              tags(v.tags())));
    }
    attached.sort(
        Comparator.comparing((SourceVolume v) -> !v.root()).thenComparing(SourceVolume::device));
    return new SourceInstance(
        i.instanceId(),
        i.state().nameAsString(),
        i.instanceTypeAsString(),
        i.subnetId(),
        i.placement() == null ? null : i.placement().availabilityZone(),
        i.privateIpAddress(),
        i.architectureAsString(),
        i.virtualizationTypeAsString(),
        i.kernelId(),
        i.ramdiskId(),
        i.rootDeviceName(),
        Boolean.TRUE.equals(i.enaSupport()),
        i.currentInstanceBootMode() != null
            ? i.currentInstanceBootModeAsString()
            : i.bootModeAsString(),
        tags(i.tags()),
        List.copyOf(attached),
        imageFacts(i));
  }

  private static SourceImageFacts imageFacts(Instance i) {
    InstanceMetadataOptionsResponse metadata = i.metadataOptions();
    boolean imdsV2Only = metadata != null && metadata.httpTokens() == HttpTokensState.REQUIRED;
    return new SourceImageFacts(
        i.platformAsString(),
        i.platformDetails(),
        i.usageOperation(),
        i.productCodes().stream()
            .map(
                c ->
                    new SourceImageFacts.ProductCode(
                        c.productCodeId(), c.productCodeTypeAsString()))
            .toList(),
        i.tpmSupport(),
        imdsV2Only ? "v2.0" : null,
        i.sriovNetSupport());
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }
}
