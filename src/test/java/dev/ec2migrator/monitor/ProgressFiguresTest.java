package dev.ec2migrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures, the ETA and the progress line, from runs in a known state. */
class ProgressFiguresTest {
  private final RunRegistry registry =
      new RunRegistry(
          new SnapshotTracker(null, Duration.ofHours(1), Duration.ofHours(1), 200),
          "us-east-1",
          "ap-southeast-2");
  private final ProgressSources sources =
      new ProgressSources(
          registry,
          new SnapshotTracker(null, Duration.ofHours(1), Duration.ofHours(1), 200),
          new ApiCallCounter());

  private MigrationRun run(int instances) {
    return run(instances, "test-run", 0);
  }

  private MigrationRun run(int instances, String runId, int first) {
    StringBuilder csv = new StringBuilder("instance_id\n");
    for (int i = 0; i < instances; i++) {
      csv.append(String.format("i-%017x%n", 0xabc0000L + first + i));
    }
    return registry.open(
        new InstanceListParser(1 << 20, 1000)
            .parse(csv.toString().getBytes(StandardCharsets.UTF_8), "list.csv", runId));
  }

  @Test
  void theEtaIsTheRemainingInstancesAtThePaceSoFar() {
    MigrationRun run = run(10);
    run.migrations().forEach(InstanceMigration::started);
    run.migrations().subList(0, 4).forEach(InstanceMigration::done);
    run.migrations().get(4).failed("i-x: quiesce failed (exit 32): busy");
    Instant now = Instant.now().plusSeconds(10);

    ProgressFigures f = ProgressFigures.of("test-run", List.of(run), sources, false, now);

    assertThat(f.total()).isEqualTo(10);
    assertThat(f.count(Stage.DONE)).isEqualTo(4);
    assertThat(f.count(Stage.FAILED)).isEqualTo(1);
    assertThat(f.count(Stage.QUEUED)).isEqualTo(5);
    assertThat(f.etaSeconds()).isBetween(10L, 11L); // 5 finished in 10 s, 5 to go
    assertThat(f.line())
        .isEqualTo(
            "run test-run: 4/10 done, 0 frozen, 0 snapshots pending, 0 copies in flight, 1 failed,"
                + " ETA "
                + f.eta());
    assertThat(f.failures()).singleElement().asString().contains("exit 32");
  }

  @Test
  void beforeTheFirstInstanceFinishesTheEtaIsUnknownAndAtTheEndDone() {
    MigrationRun run = run(3);
    run.migrations().forEach(InstanceMigration::started);
    ProgressFigures start = ProgressFigures.of("r", List.of(run), sources, false, Instant.now());
    assertThat(start.etaSeconds()).isEqualTo(-1);
    assertThat(start.eta()).isEqualTo("unknown");

    run.migrations().forEach(InstanceMigration::done);
    registry.close(run);
    ProgressFigures end = ProgressFigures.of("r", List.of(run), sources, false, Instant.now());
    assertThat(end.etaSeconds()).isZero();
    assertThat(end.eta()).isEqualTo("done");
    assertThat(end.finished()).isTrue();
  }

  @Test
  void hostsFrozenNowAreListedUntilThawed() {
    MigrationRun run = run(2);
    InstanceMigration m = run.migrations().get(0);
    Instant now = Instant.now();
    m.frozen(now.minusMillis(1500));

    ProgressFigures frozen = ProgressFigures.of("r", List.of(run), sources, false, now);
    assertThat(frozen.frozenNow())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.instanceId()).isEqualTo(m.instanceId());
              assertThat(h.frozenMs()).isEqualTo(1500);
            });
    assertThat(frozen.count(Stage.FROZEN)).isEqualTo(1);

    m.hostReleased(now);
    assertThat(ProgressFigures.of("r", List.of(run), sources, false, now).frozenNow()).isEmpty();
    assertThat(m.frozenMs()).isEqualTo(1500);
  }

  @Test
  void theEtaOfAllRunsIsTheLatestEndOfTheRunsInProgress() {
    MigrationRun earlier = run(3, "earlier", 100);
    earlier.migrations().forEach(InstanceMigration::started);
    earlier.migrations().forEach(InstanceMigration::done);
    registry.close(earlier);
    MigrationRun current = run(10, "current", 200);
    current.migrations().forEach(InstanceMigration::started);
    current.migrations().subList(0, 5).forEach(InstanceMigration::done);
    Instant now = Instant.now().plusSeconds(10);

    ProgressFigures all = ProgressFigures.of("all", sources.runs(), sources, true, now);

    assertThat(all.total()).isEqualTo(13);
    assertThat(all.count(Stage.DONE)).isEqualTo(8);
    assertThat(all.finished()).isFalse();
    // the finished run's instances do not speed up the current one's pace
    assertThat(all.etaSeconds()).isBetween(10L, 11L);
  }

  @Test
  void durationsReadLikeALogLine() {
    assertThat(ProgressFigures.human(Duration.ofSeconds(0))).isEqualTo("0s");
    assertThat(ProgressFigures.human(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(ProgressFigures.human(Duration.ofSeconds(240))).isEqualTo("4m");
    assertThat(ProgressFigures.human(Duration.ofMinutes(80))).isEqualTo("1h20m");
    assertThat(ProgressFigures.human(Duration.ofHours(2))).isEqualTo("2h");
  }

  @Test
  void theMBeanNameOfARunIsInTheProjectDomain() {
    assertThat(ProgressMBeans.name("run-1").toString())
        .isEqualTo("dev.ec2migrator:type=MigrationProgress,run=run-1");
  }
}
