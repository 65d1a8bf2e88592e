package dev.ec2migrator.run;

import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.aws.Ec2Gateway;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.image.ImageShape;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceVolume;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-instance steps of the routes that are more than one call: each reads the instance's
 * {@link InstanceMigration} from the exchange.
 */
public class InstanceSteps {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceSteps.class);

  private final Ec2Gateway gateway;
  private final CopySlots copySlots;
  private final SnapshotTracker tracker;
  private final Function<InstanceMigration, String> pvGrubKernel;
  private final Function<String, String> kmsKeyId;

  /**
   * @param pvGrubKernel the target region's PV-GRUB kernel id for a paravirtual source
   * @param kmsKeyId the KMS key to encrypt copies with in a target region; blank = the source's
   */
  public InstanceSteps(
      Ec2Gateway gateway,
      CopySlots copySlots,
      SnapshotTracker tracker,
      Function<InstanceMigration, String> pvGrubKernel,
      Function<String, String> kmsKeyId) {
    this.gateway = gateway;
    this.copySlots = copySlots;
    this.tracker = tracker;
    this.pvGrubKernel = pvGrubKernel;
    this.kmsKeyId = kmsKeyId;
  }

  public void createSnapshots(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    gateway.createSnapshots(m);
    m.snapshotsCreated();
    List<SourceVolume> missing =
        m.source().volumes().stream()
            .filter(v -> !m.sourceSnapshots().containsKey(v.volumeId()))
            .toList();
    if (!missing.isEmpty()) {
      throw new MigrationException(
          m.instanceId(),
          "CreateSnapshots",
          null,
          "no snapshot was made of " + missing.stream().map(SourceVolume::volumeId).toList());
    }
  }

  public void copySnapshot(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    SourceVolume volume = exchange.getProperty("volume", SourceVolume.class);
    m.copying();
    try {
      copySlots.copyStarted(m, gateway.copySnapshot(m, volume, kmsKeyId.apply(m.targetRegion())));
    } catch (RuntimeException e) {
      copySlots.releaseOne(m); // no copy was made: its slot goes back before the step is retried
      throw e;
    }
  }

  public void registerImage(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    m.registering();
    String kernel =
        "paravirtual".equals(m.source().virtualizationType()) ? pvGrubKernel.apply(m) : null;
    // the variable store (Secure Boot keys, boot entries) goes with a uefi image
    String uefiData = ImageShape.hasUefiData(m.source()) ? gateway.uefiData(m) : null;
    gateway.registerImage(m, kernel, uefiData);
  }

  public void done(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    m.done();
    tracker.instanceFinished(m); // its copies are done: nothing of it is watched any more
    LOG.info(
        "{}: migrated, {} volume(s), image {} in {}, frozen {} ms",
        m.instanceId(),
        m.targetSnapshots().size(),
        m.imageId(),
        m.targetRegion(),
        m.frozenMs());
  }

  /** The FAILED path: keep the reason, give back copy slots, let the fleet carry on. */
  public void fail(Exchange exchange) {
    InstanceMigration m = InstanceMigration.of(exchange);
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    MigrationException known = migrationException(cause);
    String reason =
        known != null
            ? known.getMessage()
            : m.instanceId() + ": " + (cause == null ? "failed" : cause.toString());
    copySlots.releaseAll(m);
    m.failed(reason);
    LOG.warn("{}", reason);
  }

  /**
   * The migration failure behind Camel's wrappers: one thrown in a loop's or filter's expression
   * (the snapshot and copy waits) arrives as a RuntimeBeanExpressionException, whose text buries
   * the reason behind "Failed to invoke method: ...".
   */
  private static MigrationException migrationException(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof MigrationException known) {
        return known;
      }
    }
    return null;
  }
}
