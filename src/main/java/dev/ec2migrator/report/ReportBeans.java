package dev.ec2migrator.report;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.monitor.ProgressSources;
import dev.ec2migrator.run.RunRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * The run report (outbox/&lt;run&gt;.report.html): recorded from the run's opening, then written.
 */
public class ReportBeans implements CamelConfiguration {

  /**
   * Listens to every instance's stage from the run's opening; after the progress sources (the
   * parameter orders them), which record the call counts it reads.
   */
  @BindToRegistry("runRecorder")
  public RunRecorder runRecorder(
      ApiCallCounter counter, RunRegistry runs, ProgressSources recordedFirst) {
    RunRecorder recorder = new RunRecorder(counter, Clock.systemUTC());
    runs.addListener(recorder);
    return recorder;
  }

  @BindToRegistry("runReports")
  public RunReports runReports(
      RunRecorder recorder,
      ProgressSources sources,
      @PropertyInject("migrator.copy.max-in-flight") int copySlots,
      @PropertyInject("migrator.simulated") boolean simulated) {
    return new RunReports(recorder, sources, copySlots, simulated, Clock.systemUTC());
  }
}
