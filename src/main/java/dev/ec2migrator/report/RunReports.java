package dev.ec2migrator.report;

import dev.ec2migrator.monitor.ProgressFigures;
import dev.ec2migrator.monitor.ProgressSources;
import dev.ec2migrator.run.MigrationRun;
import java.time.Clock;
import java.util.List;

/** The bean the write-report route calls: the report page of a run that has just ended. */
public class RunReports {
  private final RunRecorder recorder;
  private final ProgressSources sources;
  private final int copyLimit;
  private final boolean simulated;
  private final Clock clock;

  public RunReports(
      RunRecorder recorder,
      ProgressSources sources,
      int copyLimit,
      boolean simulated,
      Clock clock) {
    this.recorder = recorder;
    this.sources = sources;
    this.copyLimit = copyLimit;
    this.simulated = simulated;
    this.clock = clock;
  }

  /** The page; then the recording is forgotten. */
  public String html(MigrationRun run) {
    RunRecording recording = recorder.recording(run.runId());
    if (recording == null) {
      throw new IllegalStateException("run " + run.runId() + " was not recorded");
    }
    recorder.sample(); // the last figures of the copies and calls charts
    var now = clock.instant();
    ProgressFigures figures = ProgressFigures.of(run.runId(), List.of(run), sources, false, now);
    String page = RunReport.html(recording, run.migrations(), figures, copyLimit, simulated, now);
    recorder.forget(run);
    return page;
  }
}
