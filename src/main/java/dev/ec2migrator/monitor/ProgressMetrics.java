package dev.ec2migrator.monitor;

import dev.ec2migrator.model.Stage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The all-runs progress as Micrometer meters (scraped from /observe/metrics in Prometheus format):
 * {@code migrator_instances{stage}}, {@code migrator_frozen_hosts}, {@code
 * migrator_snapshots_pending}, {@code migrator_copies_in_flight}, {@code migrator_bytes_copied},
 * {@code migrator_bytes_to_copy}, {@code migrator_eta_seconds}, {@code migrator_runs_active} and
 * {@code migrator_ec2_api_calls_total{kind}}.
 */
public class ProgressMetrics implements MeterBinder {
  private final ProgressSources sources;
  private final MigrationProgress all;

  public ProgressMetrics(ProgressSources sources) {
    this.sources = sources;
    this.all = new MigrationProgress(MigrationProgress.ALL, sources);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Stage stage : Stage.values()) {
      gauge(
          registry,
          "migrator.instances",
          "Instances of all runs in this stage",
          f -> f.count(stage),
          "stage",
          stage.name().toLowerCase(Locale.ROOT));
    }
    gauge(
        registry,
        "migrator.instances.listed",
        "Instances in the lists of all runs",
        f -> f.total());
    gauge(registry, "migrator.frozen.hosts", "Hosts quiesced right now", f -> f.frozenNow().size());
    gauge(
        registry,
        "migrator.frozen.longest.ms",
        "How long the longest-frozen host has been frozen so far",
        f -> f.frozenNow().stream().mapToLong(h -> h.frozenMs()).max().orElse(0));
    gauge(
        registry,
        "migrator.snapshots.pending",
        "Snapshots and copies not yet completed",
        f -> f.snapshotsPending());
    gauge(
        registry,
        "migrator.copies.in.flight",
        "Snapshot copies running in the target regions",
        f -> f.copiesInFlight());
    gauge(
        registry,
        "migrator.bytes.copied",
        "Bytes copied to the target region",
        f -> f.bytesCopied());
    gauge(
        registry,
        "migrator.bytes.to.copy",
        "Bytes of every described volume",
        f -> f.bytesToCopy());
    gauge(
        registry,
        "migrator.eta.seconds",
        "Seconds until the runs in progress end at the pace so far (0 all done, -1 not known yet or no run)",
        f -> f.etaSeconds());
    Gauge.builder(
            "migrator.runs.active",
            sources,
            s -> s.runs().stream().filter(r -> !r.isFinished()).count())
        .description("Runs in progress")
        .strongReference(true)
        .register(registry);
    for (String kind : new String[] {"calls", "throttled", "errors"}) {
      FunctionCounter.builder("migrator.ec2.api", all, p -> p.figures().apiTotal(kind))
          .description("EC2 API attempts by this process (kind: calls, throttled, errors)")
          .tag("kind", kind)
          .register(registry);
    }
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String help,
      ToDoubleFunction<ProgressFigures> value,
      String... tags) {
    Gauge.builder(name, all, p -> value.applyAsDouble(p.figures()))
        .description(help)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }
}
