package dev.ec2migrator.cutover;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.aws.SyncSnapshots;
import dev.ec2migrator.input.Identifier;
import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InstanceListParser;
import dev.ec2migrator.input.InvalidInstanceListException;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.SyncLineage;
import dev.ec2migrator.run.MigrationRun;
import dev.ec2migrator.run.RunRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * Opens the runs of a two-phase migration. A {@code sync} pass is the run {@code <sync run>-p<n>}
 * of the list (the pass found by the sync run's tags); a {@code cutover} is the run {@code <sync
 * run>-cutover} (a wave: {@code -cutover-<hash of the wave>}) of the sync run's instances, found by
 * the tags of its snapshots, optionally narrowed to a wave (an instance tag) or a sub-list. Every
 * migration carries its {@link SyncLineage}, which its snapshots and copies are tagged with.
 */
public class SyncRuns {
  private final InstanceListParser parser;
  private final RunRegistry registry;
  private final SyncSnapshots snapshots;
  private final String defaultSourceRegion;
  private final String defaultTargetRegion;

  public SyncRuns(
      InstanceListParser parser,
      RunRegistry registry,
      SyncSnapshots snapshots,
      String defaultSourceRegion,
      String defaultTargetRegion) {
    this.parser = parser;
    this.registry = registry;
    this.snapshots = snapshots;
    this.defaultSourceRegion = defaultSourceRegion;
    this.defaultTargetRegion = defaultTargetRegion;
  }

  /**
   * A sync pass of the validated list, whose run id is the sync run's: the unfinished last pass
   * again, else the next one.
   */
  public MigrationRun openSync(InstanceList list) {
    String sourceName = list.sourceName();
    String syncRun = list.runId();
    MigrationRun regions = MigrationRun.of(list, defaultSourceRegion, defaultTargetRegion);
    List<Snapshot> sources = new ArrayList<>();
    for (String region : regions(regions, true)) {
      sources.addAll(snapshots.ofSyncRun(region, syncRun, null));
    }
    List<Snapshot> copies = new ArrayList<>();
    for (String region : regions(regions, false)) {
      copies.addAll(snapshots.ofSyncRun(region, syncRun, null));
    }
    int pass = PassNumbers.syncPass(sources, copies);
    String passRun = passRunId(syncRun, pass);
    if (!Identifier.RUN_ID.matches(passRun)) {
      throw new InvalidInstanceListException(
          sourceName,
          List.of(
              "the pass's run id "
                  + passRun
                  + " is not "
                  + Identifier.RUN_ID.expected()
                  + ": give the sync a shorter --run-id"));
    }
    MigrationRun run = registry.open(new InstanceList(passRun, list.sourceName(), list.entries()));
    run.migrations().forEach(m -> m.lineage(new SyncLineage(syncRun, pass, false)));
    return run;
  }

  /**
   * The cutover of a sync run, or of a wave of it.
   *
   * @param wave {@code tag=value}: only the run's instances carrying that tag; null for all
   * @param subList an instance list naming some of the run's instances (null: all of them)
   */
  public MigrationRun openCutover(
      String syncRun, String wave, byte[] subList, String subListSource) {
    if (syncRun == null || !Identifier.RUN_ID.matches(syncRun)) {
      throw new IllegalArgumentException(
          "run id '" + syncRun + "' is not " + Identifier.RUN_ID.expected());
    }
    String[] tag = wave == null ? null : waveTag(wave);
    List<InstanceEntry> chosen =
        subList == null ? null : parser.parse(subList, subListSource, syncRun).entries();
    Set<String> sourceRegions = new TreeSet<>();
    sourceRegions.add(defaultSourceRegion);
    if (chosen != null) {
      chosen.forEach(e -> sourceRegions.add(sourceRegion(e)));
    }
    // instance id -> its source region, from the warm passes' snapshots
    Map<String, String> instances = new TreeMap<>();
    int lastWarm = 0;
    for (String region : sourceRegions) {
      List<Snapshot> found = snapshots.ofSyncRun(region, syncRun, null);
      lastWarm = Math.max(lastWarm, PassNumbers.lastSyncedPass(found));
      found.stream()
          .filter(s -> SyncLineage.SYNC.equals(PassNumbers.tag(s, MigrationTags.PHASE)))
          .forEach(s -> instances.put(PassNumbers.tag(s, MigrationTags.SOURCE_INSTANCE), region));
    }
    instances.remove("");
    if (instances.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown sync run "
              + syncRun
              + ": no snapshot tagged "
              + MigrationTags.SYNC_RUN
              + "="
              + syncRun
              + " in "
              + String.join(", ", sourceRegions)
              + " (run `sync <list>` first)");
    }
    Map<String, String[]> rows = rows(syncRun, instances, chosen, subListSource);
    if (tag != null) {
      narrowToWave(rows, tag);
      if (rows.isEmpty()) {
        throw new IllegalArgumentException(
            "wave "
                + wave
                + " matches none of the "
                + instances.size()
                + " instances of sync run "
                + syncRun);
      }
    }
    String runId =
        CutoverRunIds.of(
            syncRun, tag != null ? wave : subList != null ? String.join(",", rows.keySet()) : null);
    // quiesce mode stop: what the cutover does to each host, so preflight checks no SSH access
    StringBuilder csv = new StringBuilder("instance_id,source_region,target_region,quiesce_mode\n");
    rows.forEach(
        (id, r) ->
            csv.append(id).append(',').append(r[0]).append(',').append(r[1]).append(",stop\n"));
    MigrationRun run =
        registry.open(
            parser.parse(
                csv.toString().getBytes(StandardCharsets.UTF_8),
                "sync run " + syncRun + (wave == null ? "" : " wave " + wave),
                runId));
    // the pass after the last one a sync made is each host's catch-up just before its stop (a warm
    // pass; the same number on a rerun, which adopts what a killed catch-up made), the one after it
    // the cutover's own
    int pass = lastWarm + 2;
    String catchUpRun = passRunId(syncRun, pass - 1);
    if (!Identifier.RUN_ID.matches(catchUpRun)) {
      throw new IllegalArgumentException(
          "the catch-up pass's run id "
              + catchUpRun
              + " is not "
              + Identifier.RUN_ID.expected()
              + " (sync run id too long)");
    }
    run.migrations().forEach(m -> m.lineage(new SyncLineage(syncRun, pass, true)));
    return run;
  }

  /** The run id of a warm pass: every snapshot and copy of the pass carries it as its run tag. */
  public static String passRunId(String syncRun, int pass) {
    return syncRun + "-p" + pass;
  }

  /** id -> {source region, target region}: every instance of the run, or the sub-list's. */
  private Map<String, String[]> rows(
      String syncRun,
      Map<String, String> instances,
      List<InstanceEntry> chosen,
      String subListSource) {
    Map<String, String[]> rows = new LinkedHashMap<>();
    if (chosen == null) {
      instances.forEach((id, region) -> rows.put(id, new String[] {region, defaultTargetRegion}));
      return rows;
    }
    List<String> problems = new ArrayList<>();
    for (InstanceEntry e : chosen) {
      if (!sourceRegion(e).equals(instances.get(e.instanceId()))) {
        problems.add(
            "line "
                + e.line()
                + ": "
                + e.instanceId()
                + " is not an instance of sync run "
                + syncRun
                + " in "
                + sourceRegion(e));
      }
      rows.put(
          e.instanceId(),
          new String[] {
            sourceRegion(e), Objects.requireNonNullElse(e.targetRegion(), defaultTargetRegion)
          });
    }
    if (!problems.isEmpty()) {
      throw new InvalidInstanceListException(subListSource, problems);
    }
    return rows;
  }

  private void narrowToWave(Map<String, String[]> rows, String[] tag) {
    Map<String, List<String>> byRegion = new TreeMap<>();
    rows.forEach((id, r) -> byRegion.computeIfAbsent(r[0], k -> new ArrayList<>()).add(id));
    Set<String> inWave = new TreeSet<>();
    byRegion.forEach(
        (region, ids) -> inWave.addAll(snapshots.withTag(region, ids, tag[0], tag[1])));
    rows.keySet().retainAll(inWave);
  }

  private String sourceRegion(InstanceEntry e) {
    return Objects.requireNonNullElse(e.sourceRegion(), defaultSourceRegion);
  }

  /** {@code --wave Key=Value}: an instance tag, split at the first '='. */
  static String[] waveTag(String wave) {
    int eq = wave.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--wave must be an instance tag as Key=Value (e.g. Wave=1), not '" + wave + "'");
    }
    return new String[] {wave.substring(0, eq), wave.substring(eq + 1)};
  }

  private static List<String> regions(MigrationRun run, boolean source) {
    return run.migrations().stream()
        .map(source ? InstanceMigration::sourceRegion : InstanceMigration::targetRegion)
        .distinct()
        .sorted()
        .toList();
  }
}
