package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.ApiRateLimiter;
import dev.ec2migrator.aws.CopySlots;
import dev.ec2migrator.aws.Ec2Clients;
import dev.ec2migrator.aws.Ec2Describes;
import dev.ec2migrator.aws.Ec2Requests;
import dev.ec2migrator.aws.InstancePower;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.aws.SyncSnapshots;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.quiesce.StopStep;
import dev.ec2migrator.run.RunRegistry;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The two-phase migration: sync passes, cutover runs, their admission and their clean-up. */
public class CutoverBeans implements CamelConfiguration {

  @BindToRegistry("syncSnapshots")
  public SyncSnapshots syncSnapshots(
      Ec2Requests ec2Requests,
      Ec2Describes ec2Describes,
      Ec2Clients clients,
      ApiRateLimiter limiter) {
    return new SyncSnapshots(ec2Requests, ec2Describes, clients, limiter);
  }

  @BindToRegistry("syncRuns")
  public SyncRuns syncRuns(
      RunRegistry registry,
      SyncSnapshots snapshots,
      @PropertyInject("migrator.input.max-bytes") long maxBytes,
      @PropertyInject("migrator.input.max-instances") int maxInstances,
      @PropertyInject("migrator.source-region") String sourceRegion,
      @PropertyInject("migrator.target-region") String targetRegion,
      @PropertyInject("migrator.sync.consistency") String consistency) {
    // read by the sync-instance route's choice; checked here so a typo stops the start
    if (!consistency.strip().equals("quiesced")
        && !consistency.strip().equals("crash-consistent")) {
      throw new IllegalArgumentException(
          "migrator.sync.consistency must be quiesced or crash-consistent, not "
              + consistency.strip());
    }
    return new SyncRuns(
        new InstanceListParser(maxBytes, maxInstances),
        registry,
        snapshots,
        sourceRegion.strip(),
        targetRegion.strip());
  }

  @BindToRegistry("supersededSnapshots")
  public SupersededSnapshots supersededSnapshots(SyncSnapshots snapshots) {
    return new SupersededSnapshots(snapshots);
  }

  @BindToRegistry("cutoverAdmission")
  public CutoverAdmission cutoverAdmission(
      CopySlots slots,
      @PropertyInject("migrator.copy.max-in-flight") int maxInFlight,
      @PropertyInject("migrator.cutover.volumes-per-copy-slot") double volumesPerSlot,
      @PropertyInject("migrator.cutover.catch-up-volumes-ahead-per-copy-slot")
          double catchUpVolumesAheadPerSlot,
      @PropertyInject("migrator.cutover.admission-recheck") Duration recheck) {
    return new CutoverAdmission(
        slots, maxInFlight, volumesPerSlot, catchUpVolumesAheadPerSlot, recheck.toMillis());
  }

  @BindToRegistry("catchUp")
  public CatchUp catchUp(CutoverAdmission admission, SnapshotTracker tracker) {
    return new CatchUp(admission, tracker);
  }

  @BindToRegistry("cutoverSteps")
  public CutoverSteps cutoverSteps(
      InstancePower instancePower,
      StopStep stopStep,
      CutoverAdmission admission,
      @PropertyInject("migrator.cutover.on-failure") String onFailure) {
    return new CutoverSteps(instancePower, stopStep, admission, onFailure.strip());
  }
}
