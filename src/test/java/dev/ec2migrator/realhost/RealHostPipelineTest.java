package dev.ec2migrator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.PipelineTestSupport;
import dev.ec2migrator.demo.DemoWorld;
import dev.ec2migrator.demo.ec2.SimInstance;
import dev.ec2migrator.quiesce.SudoersRules;
import dev.ec2migrator.run.MigrationRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole application (camel-main, the real routes and config) against the demo EC2 world and a
 * real OpenSSH host (Debian's sshd, real sudo with the generated rules, loop-mounted ext4). One
 * list of two instances whose rows point at that host (ssh_host 127.0.0.1:port, ssh_user), with the
 * migrator's key and a known_hosts file written by ssh-keyscan: one quiesced by fsfreeze, one by
 * remount, each listing also a mount that is read-only already.
 *
 * <p>The migrator reaches the simulator through {@link Ec2CallWatch}, which looks at the real
 * mounts when CreateSnapshots reaches the simulator and again when its answer goes back: a write
 * attempt (blocked on a frozen file system, refused on a read-only one) and /proc/mounts. The sudo
 * log gives the order of the host's own calls.
 */
class RealHostPipelineTest extends PipelineTestSupport {
  private static final String SOURCE = "us-east-1";
  private static final String TARGET = "ap-southeast-2";
  // a write that has not returned after this long waits for a frozen file system (ample for a
  // refused or plain write on a loaded machine)
  private static final Duration BLOCKED = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(30);

  // started from overrides(), which the super constructor calls before any field is set
  private static Path dir;
  private static RealSshHost host;
  private static DemoWorld world;
  private static Ec2CallWatch watch;
  private static Path frozen;
  private static Path remounted;
  private static Path archive;
  private static final Map<String, Path> dataMountOf = new ConcurrentHashMap<>();
  private static final Map<String, List<MountLook>> looks = new ConcurrentHashMap<>();
  private static final List<PendingWrite> pendingWrites = new CopyOnWriteArrayList<>();
  private static final AtomicInteger probes = new AtomicInteger();

  private String fsfreezeInstance;
  private String remountInstance;
  private MigrationRun run;
  private List<String> sudoCalls;

  /** The state of a data mount at one moment of a CreateSnapshots call. */
  record MountLook(String moment, String options, String write, long nanos) {}

  /**
   * A probe's write that waited for a frozen file system: when it was started and when it ended.
   */
  record PendingWrite(Path mount, Path file, long startedNanos, CompletableFuture<Long> done) {}

  @Override
  protected Map<String, String> overrides() {
    try {
      startTheWorldAndTheHost();
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the real host or the demo world: " + e, e);
    }
    Map<String, String> p = new LinkedHashMap<>();
    // this test's own demo world, which the migrator's EC2 calls reach through the watch
    p.put("migrator.demo.enabled", "false");
    p.put("migrator.ec2.endpoint", watch.endpoint().toString());
    p.put("migrator.cloudformation.endpoint", world.ec2().endpoint().toString());
    p.put("migrator.ssh.private-key-file", host.privateKey().toString());
    try {
      p.put("migrator.ssh.known-hosts-file", host.knownHosts().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static synchronized void startTheWorldAndTheHost() throws Exception {
    if (host != null) {
      return;
    }
    dir = Files.createTempDirectory("realhost-pipeline");
    host = RealSshHost.start(dir);
    frozen = dir.resolve("frozen");
    remounted = dir.resolve("remounted");
    archive = dir.resolve("archive");
    host.mountLoopExt4(frozen, false);
    host.mountLoopExt4(remounted, false);
    host.mountLoopExt4(archive, true);
    world =
        DemoWorld.start(
            Map.of(
                "seed", "7",
                "instances", "6",
                "busy-hosts", "",
                "volumes-per-instance", "1",
                "time-scale", "10000",
                "dir", dir.resolve("demo").toString()),
            SOURCE);
    watch =
        Ec2CallWatch.start(
            world.ec2().endpoint(),
            "CreateSnapshots",
            new Ec2CallWatch.Observer() {
              @Override
              public void arrived(Map<String, String> parameters) {
                look("arrived", parameters);
              }

              @Override
              public void answering(Map<String, String> parameters) {
                look("answering", parameters);
              }
            });
  }

  /** Notes the state of the calling instance's data mount; runs in the call's path. */
  private static void look(String moment, Map<String, String> parameters) {
    String instanceId = parameters.get("InstanceSpecification.InstanceId");
    Path mount = dataMountOf.get(instanceId);
    if (mount == null) {
      return; // the test asserts that both instances were seen
    }
    String options = RealHostQuiesceTest.options(mount);
    String write = tryToWrite(mount);
    looks
        .computeIfAbsent(instanceId, k -> new CopyOnWriteArrayList<>())
        .add(new MountLook(moment, options, write, System.nanoTime()));
  }

  /** "written", "refused: <reason>" or "blocked" (still waiting after {@link #BLOCKED}). */
  private static String tryToWrite(Path mount) {
    Path file = mount.resolve("probe-" + probes.incrementAndGet());
    long started = System.nanoTime();
    CompletableFuture<Long> done = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.writeString(file, "written while the migrator ran\n");
                done.complete(System.nanoTime());
              } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
              }
            },
            "probe-write");
    writer.setDaemon(true); // a write to a frozen file system waits in the kernel until the thaw
    writer.start();
    try {
      done.get(BLOCKED.toMillis(), TimeUnit.MILLISECONDS);
      return "written";
    } catch (ExecutionException e) {
      return "refused: " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      pendingWrites.add(new PendingWrite(mount, file, started, done));
      return "blocked";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @BeforeEach
  void migrateOnce() throws Exception {
    if (run != null) {
      return;
    }
    List<SimInstance> running =
        // hvm: a paravirtual one would need a grub menu on the real host (the pv-grub preflight)
        world.fleet().stream()
            .filter(i -> "running".equals(i.state()) && "hvm".equals(i.virtualizationType()))
            .limit(2)
            .toList();
    assertThat(running).as("two running instances in the demo fleet").hasSize(2);
    fsfreezeInstance = running.get(0).instanceId();
    remountInstance = running.get(1).instanceId();
    dataMountOf.put(fsfreezeInstance, frozen);
    dataMountOf.put(remountInstance, remounted);
    // exactly the commands this configuration runs, as `sudoers` prints them
    List<String> templates =
        List.of(
            property("migrator.quiesce.fsfreeze.freeze-command"),
            property("migrator.quiesce.fsfreeze.thaw-command"),
            property("migrator.quiesce.remount.freeze-command"),
            property("migrator.quiesce.remount.thaw-command"));
    host.installSudoers(
        String.join(
            "\n",
            new SudoersRules(templates)
                .lines(
                    host.user(),
                    List.of(frozen.toString(), remounted.toString(), archive.toString()))));
    String list =
        "instance_id,ssh_host,ssh_user,mount_points,quiesce_mode\n"
            + row(fsfreezeInstance, frozen, "fsfreeze")
            + row(remountInstance, remounted, "remount");
    run = migrate("realhost.csv", list);
    sudoCalls =
        Files.exists(host.sudoLog())
            ? Files.readAllLines(host.sudoLog()).stream()
                .filter(l -> l.contains("COMMAND="))
                .toList()
            : List.of();
  }

  private String row(String instanceId, Path data, String mode) {
    return String.join(
            ",", instanceId, "127.0.0.1:" + host.port(), host.user(), data + ";" + archive, mode)
        + "\n";
  }

  private String property(String name) {
    return context.getPropertiesComponent().resolveProperty(name).orElseThrow();
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (context != null) {
      context.stop(); // no session may still use the host
    }
    if (watch != null) {
      watch.close();
    }
    if (world != null) {
      world.close();
    }
    if (host != null) {
      host.close();
    }
  }

  @Test
  void bothInstancesAreMigratedWithEveryVolumeCopied() throws Exception {
    assertThat(run.failedCount()).as("failed instances").isZero();
    List<Map<String, String>> rows = readCsv(run.csvFile());
    Set<String> copies =
        world.ec2().snapshots(TARGET).stream().map(s -> s.snapshotId()).collect(Collectors.toSet());
    Set<String> images =
        world.ec2().images(TARGET).stream().map(i -> i.imageId()).collect(Collectors.toSet());
    for (String id : List.of(fsfreezeInstance, remountInstance)) {
      List<Map<String, String>> own =
          rows.stream().filter(r -> r.get("source_instance_id").equals(id)).toList();
      assertThat(own).as("rows of %s", id).isNotEmpty();
      for (Map<String, String> r : own) {
        assertThat(r.get("status")).as("row %s", r).isEqualTo("MIGRATED");
        assertThat(copies).as("row %s", r).contains(r.get("target_snapshot_id"));
        assertThat(images).as("row %s", r).contains(r.get("target_image_id"));
      }
    }
  }

  @Test
  void fsfreezeHoldsTheMountFrozenFromBeforeCreateSnapshotsUntilItHasAnswered() throws Exception {
    List<MountLook> seen = looks.get(fsfreezeInstance);
    assertThat(seen)
        .as("one CreateSnapshots, looked at when it arrived and when it answered")
        .extracting(MountLook::moment)
        .containsExactly("arrived", "answering");
    for (MountLook look : seen) {
      assertThat(look.options()).as("%s", look).startsWith("rw");
      assertThat(look.write())
          .as("a write waits for the frozen mount: %s", look)
          .isEqualTo("blocked");
    }
    long answered = seen.get(1).nanos();
    List<PendingWrite> waiting =
        pendingWrites.stream().filter(w -> w.mount().equals(frozen)).toList();
    assertThat(waiting).hasSize(2);
    for (PendingWrite w : waiting) {
      long ended = w.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(ended)
          .as("the thaw let %s through only after CreateSnapshots had answered", w.file())
          .isGreaterThan(answered);
      assertThat(w.file()).hasContent("written while the migrator ran");
    }
    assertThat(callsOn(frozen))
        .hasSize(2)
        .satisfies(
            calls -> {
              assertThat(calls.get(0))
                  .containsPattern("COMMAND=(/usr)?/sbin/fsfreeze -f " + frozen + "$");
              assertThat(calls.get(1))
                  .containsPattern("COMMAND=(/usr)?/sbin/fsfreeze -u " + frozen + "$");
            });
    assertWritable(frozen);
  }

  @Test
  void remountHoldsTheMountReadOnlyFromBeforeCreateSnapshotsUntilItHasAnswered() throws Exception {
    List<MountLook> seen = looks.get(remountInstance);
    assertThat(seen)
        .as("one CreateSnapshots, looked at when it arrived and when it answered")
        .extracting(MountLook::moment)
        .containsExactly("arrived", "answering");
    for (MountLook look : seen) {
      assertThat(look.options()).as("%s", look).startsWith("ro");
      assertThat(look.write()).as("%s", look).startsWith("refused").contains("Read-only");
    }
    assertThat(callsOn(remounted))
        .hasSize(2)
        .satisfies(
            calls -> {
              assertThat(calls.get(0))
                  .containsPattern("COMMAND=(/usr)?/bin/mount -o remount,ro " + remounted + "$");
              assertThat(calls.get(1))
                  .containsPattern("COMMAND=(/usr)?/bin/mount -o remount,rw " + remounted + "$");
            });
    assertWritable(remounted);
  }

  @Test
  void aMountThatWasReadOnlyBeforeIsLeftAloneAndStaysReadOnly() throws Exception {
    assertThat(callsOn(archive)).as("no sudo call touches it").isEmpty();
    assertThat(RealHostQuiesceTest.options(archive)).startsWith("ro");
    assertThat(tryToWrite(archive)).startsWith("refused").contains("Read-only");
  }

  private List<String> callsOn(Path mount) {
    List<String> calls = new ArrayList<>();
    for (String line : sudoCalls) {
      if (line.endsWith(" " + mount)) {
        calls.add(line);
      }
    }
    return calls;
  }

  private static void assertWritable(Path mount) throws IOException {
    assertThat(RealHostQuiesceTest.options(mount)).startsWith("rw");
    assertThat(tryToWrite(mount)).isEqualTo("written");
  }
}
