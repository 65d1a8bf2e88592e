package dev.ec2migrator.report;

import dev.ec2migrator.aws.ApiCallCounter;
import dev.ec2migrator.aws.SnapshotTracker;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SourceImageFacts;
import dev.ec2migrator.model.SourceInstance;
import dev.ec2migrator.model.Stage;
import dev.ec2migrator.monitor.ProgressFigures;
import dev.ec2migrator.monitor.ProgressSources;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * A run of any size recorded through the real recorder: a fleet is opened in a real RunRegistry,
 * its instances go through their stages (4 quiesced at a time, 20 copy slots, 1 in 100 hosts busy)
 * on a clock the generator moves, and samples are taken every simulated minute.
 */
final class GeneratedRun {
  static final int COPY_LIMIT = 20;
  static final String HOSTILE_REASON =
      "quiesce failed (exit 32): </script><img src=x onerror=document.title='owned'>";

  final MigrationRun run;
  final RunRecorder recorder;
  final ProgressSources sources;
  final ManualClock clock;
  final int failed;

  private GeneratedRun(
      MigrationRun run,
      RunRecorder recorder,
      ProgressSources sources,
      ManualClock clock,
      int failed) {
    this.run = run;
    this.recorder = recorder;
    this.sources = sources;
    this.clock = clock;
    this.failed = failed;
  }

  /** A clock the generator sets. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-30T20:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private record Happening(long ms, int instance, Stage stage) {}

  static GeneratedRun of(int instances, long seed) {
    StringBuilder list = new StringBuilder("instance_id\n");
    for (int i = 0; i < instances; i++) {
      list.append(String.format("i-%017x", 0xa000L + i)).append('\n');
    }
    RunRegistry registry = new RunRegistry(null, "us-east-1", "ap-southeast-2");
    ApiCallCounter counter = new ApiCallCounter();
    ManualClock clock = new ManualClock();
    Instant start = clock.now;
    ProgressSources sources =
        new ProgressSources(
            registry,
            new SnapshotTracker(null, Duration.ofHours(24), Duration.ofHours(48), 15000),
            counter);
    RunRecorder recorder = new RunRecorder(counter, clock);
    registry.addListener(sources);
    registry.addListener(recorder);
    MigrationRun run =
        registry.open(
            new InstanceListParser(Long.MAX_VALUE, Integer.MAX_VALUE)
                .parse(
                    list.toString().getBytes(StandardCharsets.UTF_8),
                    "fleet-" + instances + ".csv",
                    null));

    Random random = new Random(seed);
    List<Happening> happenings = new ArrayList<>();
    PriorityQueue<Long> slots = new PriorityQueue<>();
    for (int s = 0; s < COPY_LIMIT; s++) {
      slots.add(0L);
    }
    long[] quiesceFree = new long[4];
    int failed = 0;
    for (int i = 0; i < instances; i++) {
      long described = 2_000L * (i / 200 + 1);
      happenings.add(new Happening(described - 1_500, i, Stage.DESCRIBING));
      happenings.add(new Happening(described, i, Stage.QUEUED));
      int lane = i % quiesceFree.length;
      long quiesce = Math.max(described, quiesceFree[lane]);
      long frozen = quiesce + 300 + random.nextInt(400);
      happenings.add(new Happening(quiesce, i, Stage.QUIESCING));
      if (i % 100 == 37) {
        happenings.add(new Happening(frozen, i, Stage.FAILED));
        quiesceFree[lane] = frozen;
        failed++;
        continue;
      }
      happenings.add(new Happening(frozen, i, Stage.FROZEN));
      long thawed = frozen + 150 + random.nextInt(250 + (i % 7 == 0 ? 2_000 : 0));
      happenings.add(new Happening(thawed, i, Stage.SNAPSHOT_PENDING));
      quiesceFree[lane] = thawed;
      long snapshotDone = thawed + 200_000 + random.nextInt(400_000);
      long slotFree = slots.poll();
      long copy = Math.max(snapshotDone, slotFree);
      long copied = copy + 300_000 + random.nextInt(600_000);
      slots.add(copied);
      happenings.add(new Happening(copy, i, Stage.COPYING));
      happenings.add(new Happening(copied, i, Stage.REGISTERING));
      happenings.add(new Happening(copied + 3_000 + random.nextInt(4_000), i, Stage.DONE));
    }
    happenings.sort(Comparator.comparingLong(Happening::ms));

    ExecutionAttributes call = new ExecutionAttributes();
    call.putAttribute(AwsExecutionAttribute.AWS_REGION, Region.US_EAST_1);
    call.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "CreateSnapshots");
    long nextSample = 60_000;
    for (Happening h : happenings) {
      while (h.ms() >= nextSample) {
        clock.now = start.plusMillis(nextSample);
        recorder.sample();
        nextSample += 60_000;
      }
      clock.now = start.plusMillis(h.ms());
      InstanceMigration m = run.migrations().get(h.instance());
      switch (h.stage()) {
        case FROZEN -> m.frozen(clock.now);
        case DESCRIBING -> m.describing();
        case QUEUED -> m.describedAs(withoutVolumes(m));
        case QUIESCING -> m.quiescing();
        case SNAPSHOT_PENDING -> m.hostReleased(clock.now);
        case COPYING -> {
          m.copySlotsHeld().incrementAndGet();
          m.copying();
        }
        case REGISTERING -> {
          m.copySlotsHeld().decrementAndGet();
          m.registering();
        }
        case DONE -> m.done();
        case FAILED ->
            m.failed(
                h.instance() == 37
                    ? m.instanceId() + ": " + HOSTILE_REASON
                    : m.instanceId() + ": quiesce failed (exit 32): mount point is busy");
      }
      counter.beforeTransmission(null, call); // about two EC2 calls per step of an instance
      counter.beforeTransmission(null, call);
    }
    return new GeneratedRun(run, recorder, sources, clock, failed);
  }

  /** What describe found, as far as the report uses it (the generated run has no volumes). */
  private static SourceInstance withoutVolumes(InstanceMigration m) {
    return new SourceInstance(
        m.instanceId(),
        "running",
        "m5.large",
        "subnet-0a000000",
        "us-east-1a",
        "10.0.0.4",
        "x86_64",
        "hvm",
        null,
        null,
        "/dev/xvda",
        true,
        null,
        Map.of(),
        List.of(),
        SourceImageFacts.LINUX);
  }

  /** The report page, as the write-report route makes it. */
  String html() {
    return new RunReports(recorder, sources, COPY_LIMIT, true, clock).html(run);
  }

  ProgressFigures figures() {
    return ProgressFigures.of(run.runId(), List.of(run), sources, false, clock.now);
  }
}
