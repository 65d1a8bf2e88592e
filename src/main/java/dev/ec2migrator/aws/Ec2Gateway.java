package dev.ec2migrator.aws;

import dev.ec2migrator.image.ImageShape;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceVolume;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 calls of an instance's migration that camel-aws2-ec2 does not offer: its snapshots, their
 * copies, its image. Each is one request made through {@link Ec2Requests}; the describes they rely
 * on are {@link Ec2Describes}, stopping and starting the source {@link InstancePower}.
 */
public class Ec2Gateway {
  private final Ec2Requests requests;
  private final Ec2Describes describes;

  public Ec2Gateway(Ec2Requests requests, Ec2Describes describes) {
    this.requests = requests;
    this.describes = describes;
  }

  /** All volumes of the instance at one point in time; the permit was taken before the freeze. */
  public void createSnapshots(InstanceMigration m) {
    CreateSnapshotsResponse response =
        requests.make(
            m,
            m.sourceRegion(),
            "CreateSnapshots",
            c ->
                c.createSnapshots(
                    r ->
                        r.instanceSpecification(
                                s -> s.instanceId(m.instanceId()).excludeBootVolume(false))
                            .description(
                                "ec2-region-migrator run " + m.runId() + " of " + m.instanceId())
                            .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                            .tagSpecifications(MigrationTags.forSourceSnapshots(m))));
    response.snapshots().forEach(s -> m.sourceSnapshots().put(s.volumeId(), s.snapshotId()));
  }

  /**
   * Copies one volume's snapshot, called on the target region's client. DestinationRegion must be
   * set: with an endpoint override the SDK's presigning step cannot tell the region otherwise.
   */
  public String copySnapshot(InstanceMigration m, SourceVolume v, String kmsKeyId) {
    String sourceSnapshot = m.sourceSnapshots().get(v.volumeId());
    boolean encrypt = kmsKeyId != null && !kmsKeyId.isBlank();
    String copy =
        requests
            .make(
                m,
                m.targetRegion(),
                "CopySnapshot",
                c ->
                    c.copySnapshot(
                        r -> {
                          r.sourceRegion(m.sourceRegion())
                              .sourceSnapshotId(sourceSnapshot)
                              .destinationRegion(m.targetRegion())
                              .description(
                                  "ec2-region-migrator run "
                                      + m.runId()
                                      + ": "
                                      + m.instanceId()
                                      + " "
                                      + v.device()
                                      + " from "
                                      + m.sourceRegion()
                                      + "/"
                                      + sourceSnapshot)
                              .tagSpecifications(MigrationTags.forCopy(m, v, sourceSnapshot));
                          if (encrypt) {
                            r.encrypted(true).kmsKeyId(kmsKeyId);
                          }
                        }))
            .snapshotId();
    m.targetSnapshots().put(v.volumeId(), copy);
    return copy;
  }

  /**
   * Registers the image from the copied snapshots, every volume mapped (see {@link ImageShape}).
   *
   * @param uefiData the source's UEFI variable store, or null
   */
  public String registerImage(InstanceMigration m, String kernelId, String uefiData) {
    String imageId;
    try {
      imageId = callRegisterImage(m, kernelId, uefiData);
    } catch (Ec2CallException e) {
      // an earlier attempt registered it (the answer was lost): image names are unique per region
      if (!"InvalidAMIName.Duplicate".equals(e.code())) {
        throw e;
      }
      imageId =
          describes.describeRunImages(m.targetRegion(), m.runId()).stream()
              .filter(i -> i.name().equals(MigrationTags.imageName(m)))
              .map(Image::imageId)
              .findFirst()
              .orElseThrow(() -> e);
    }
    m.imageRegistered(imageId);
    return imageId;
  }

  private String callRegisterImage(InstanceMigration m, String kernelId, String uefiData) {
    return requests
        .call(
            m,
            m.targetRegion(),
            "RegisterImage",
            c ->
                c.registerImage(
                    r -> {
                      r.name(MigrationTags.imageName(m))
                          .description(
                              "ec2-region-migrator run "
                                  + m.runId()
                                  + " of "
                                  + m.instanceId()
                                  + " ("
                                  + m.sourceRegion()
                                  + ")")
                          // tagged as it is made: no second call, no untagged image if we die
                          .tagSpecifications(
                              TagSpecification.builder()
                                  .resourceType(ResourceType.IMAGE)
                                  .tags(MigrationTags.forImage(m))
                                  .build());
                      ImageShape.apply(r, m, kernelId, uefiData);
                    }))
        .imageId();
  }

  /** The source's UEFI variable store (base64), or null when it has none. */
  public String uefiData(InstanceMigration m) {
    return requests
        .call(
            m,
            m.sourceRegion(),
            "GetInstanceUefiData",
            c -> c.getInstanceUefiData(r -> r.instanceId(m.instanceId())))
        .uefiData();
  }
}
