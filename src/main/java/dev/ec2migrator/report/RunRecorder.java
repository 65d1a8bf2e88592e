package dev.ec2migrator.report;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records each run for its report: listens to the stage changes of every instance from the moment
 * the run opens, and takes a sample (copies in flight, EC2 calls and throttles so far) whenever the
 * record-samples route calls {@link #sample()}. A resumed run starts a new recording.
 */
public class RunRecorder implements RunListener {
  private final ApiCallCounter counter;
  private final Clock clock;
  private final Map<String, Recorded> runs = new ConcurrentHashMap<>();

  private record Recorded(MigrationRun run, RunRecording recording) {}

  public RunRecorder(ApiCallCounter counter, Clock clock) {
    this.counter = counter;
    this.clock = clock;
  }

  @Override
  public void opened(MigrationRun run) {
    List<InstanceMigration> migrations = run.migrations();
    List<String> ids = new ArrayList<>(migrations.size());
    migrations.forEach(m -> ids.add(m.instanceId()));
    RunRecording recording = new RunRecording(run.runId(), clock.instant(), ids);
    for (int i = 0; i < migrations.size(); i++) {
      int index = i;
      InstanceMigration m = migrations.get(i);
      recording.stage(index, m.stage(), clock.instant());
      m.onStageChange((migration, stage) -> recording.stage(index, stage, clock.instant()));
    }
    runs.put(run.runId(), new Recorded(run, recording));
    sample(run, recording);
  }

  @Override
  public void closed(MigrationRun run) {
    Recorded recorded = runs.get(run.runId());
    if (recorded != null && recorded.run() == run) {
      sample(run, recorded.recording());
    }
  }

  /** One sample of every run in progress. */
  public void sample() {
    for (Recorded recorded : runs.values()) {
      if (!recorded.run().isFinished()) {
        sample(recorded.run(), recorded.recording());
      }
    }
  }

  private void sample(MigrationRun run, RunRecording recording) {
    long copies = 0;
    for (InstanceMigration m : run.migrations()) {
      copies += m.copySlotsHeld().get();
    }
    recording.sample(clock.instant(), copies, counter.total("calls"), counter.total("throttled"));
  }

  /** The recording of a run, or null when this process did not see it open. */
  public RunRecording recording(String runId) {
    Recorded recorded = runs.get(runId);
    return recorded == null ? null : recorded.recording();
  }

  /** Forgets a run's recording once its report is written (a service runs run after run). */
  public void forget(MigrationRun run) {
    runs.remove(run.runId());
    run.migrations().forEach(m -> m.onStageChange(null));
  }
}
