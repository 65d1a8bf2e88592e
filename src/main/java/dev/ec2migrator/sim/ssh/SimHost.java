package dev.ec2migrator.sim.ssh;

import dev.ec2migrator.sim.ssh.HostEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One simulated host: its mount points (read-only / frozen / busy), the files the quiesce commands
 * touch, injected faults and an event log. All state changes are atomic per host.
 */
public final class SimHost {

  /** tmpfs: stays writable while the mounts are read-only. */
  private static final String SHM = "/dev/shm/";

  private final String name;
  private final Map<String, MountState> mounts = new LinkedHashMap<>();
  private final Set<String> files = new HashSet<>();
  private final List<HostEvent> events = new ArrayList<>();
  private Instant lastQuiescedAt;
  private Instant lastReleasedAt;
  private Duration commandLatency = Duration.ZERO;
  private String dropAfterCommandContaining;

  SimHost(String name, List<String> mountPoints) {
    this.name = Objects.requireNonNull(name, "name");
    if (mountPoints.isEmpty()) {
      throw new IllegalArgumentException("a host needs at least one mount point");
    }
    mountPoints.forEach(mp -> mounts.put(mp, new MountState()));
  }

  public String name() {
    return name;
  }

  public synchronized List<String> mountPoints() {
    return List.copyOf(mounts.keySet());
  }

  public synchronized boolean isReadOnly(String mountPoint) {
    return mount(mountPoint).readOnly;
  }

  public synchronized boolean isFrozen(String mountPoint) {
    return mount(mountPoint).frozen;
  }

  /** True while any mount point is read-only or frozen. */
  public synchronized boolean isQuiesced() {
    return mounts.values().stream().anyMatch(MountState::quiesced);
  }

  public synchronized List<HostEvent> events() {
    return List.copyOf(events);
  }

  /** When the host last went from no mount quiesced to some mount quiesced. */
  public synchronized Optional<Instant> lastQuiescedAt() {
    return Optional.ofNullable(lastQuiescedAt);
  }

  /** When the host last went from some mount quiesced back to none. */
  public synchronized Optional<Instant> lastReleasedAt() {
    return Optional.ofNullable(lastReleasedAt);
  }

  /** While busy, {@code mount -o remount,ro <mp>} fails with exit 32 (a file open for writing). */
  public synchronized void failRemountBusy(String mountPoint, boolean busy) {
    mount(mountPoint).busy = busy;
  }

  /** Latency added before every command line this host executes (on top of the global one). */
  public synchronized void commandLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0: " + latency);
    }
    commandLatency = latency;
  }

  /**
   * The next command line containing {@code containing} is executed, then the session is closed
   * without an exit status.
   */
  public synchronized void dropConnectionAfterNextCommand(String containing) {
    dropAfterCommandContaining = Objects.requireNonNull(containing, "containing");
  }

  public synchronized boolean filePresent(String path) {
    return files.contains(path);
  }

  @Override
  public String toString() {
    return "SimHost[" + name + "]";
  }

  synchronized Duration currentCommandLatency() {
    return commandLatency;
  }

  /** True once for the command line that matches the pending drop request. */
  synchronized boolean takeDropRequest(String commandLine) {
    if (dropAfterCommandContaining != null && commandLine.contains(dropAfterCommandContaining)) {
      dropAfterCommandContaining = null;
      return true;
    }
    return false;
  }

  synchronized MountOutcome remount(String mountPoint, boolean readOnly) {
    MountState state = mounts.get(mountPoint);
    if (state == null) {
      return MountOutcome.NOT_MOUNTED;
    }
    if (readOnly && !state.readOnly && state.busy) {
      return MountOutcome.BUSY;
    }
    if (state.readOnly == readOnly) {
      return MountOutcome.UNCHANGED;
    }
    changeState(() -> state.readOnly = readOnly);
    record(readOnly ? Kind.REMOUNT_RO : Kind.REMOUNT_RW, mountPoint);
    return MountOutcome.CHANGED;
  }

  synchronized MountOutcome freeze(String mountPoint, boolean frozen) {
    MountState state = mounts.get(mountPoint);
    if (state == null) {
      return MountOutcome.NOT_MOUNTED;
    }
    if (state.frozen == frozen) {
      return frozen ? MountOutcome.ALREADY_FROZEN : MountOutcome.NOT_FROZEN;
    }
    changeState(() -> state.frozen = frozen);
    record(frozen ? Kind.FREEZE : Kind.THAW, mountPoint);
    return MountOutcome.CHANGED;
  }

  synchronized FileOutcome createFile(String path) {
    if (!writable(path)) {
      return FileOutcome.READ_ONLY;
    }
    files.add(path);
    return FileOutcome.DONE;
  }

  synchronized FileOutcome removeFile(String path) {
    if (!files.contains(path)) {
      return FileOutcome.MISSING;
    }
    if (!writable(path)) {
      return FileOutcome.READ_ONLY;
    }
    files.remove(path);
    return FileOutcome.DONE;
  }

  synchronized List<String> mountTable() {
    List<String> lines = new ArrayList<>();
    int disk = 1;
    for (Map.Entry<String, MountState> e : mounts.entrySet()) {
      String mode = e.getValue().readOnly ? "ro" : "rw";
      lines.add("/dev/nvme" + disk++ + "n1 on " + e.getKey() + " type ext4 (" + mode + ")");
    }
    return lines;
  }

  synchronized void record(Kind kind, String detail) {
    events.add(new HostEvent(Instant.now(), kind, detail));
  }

  private boolean writable(String path) {
    if (path.startsWith(SHM)) {
      return true;
    }
    String owner = null;
    for (String mp : mounts.keySet()) {
      boolean contains = path.equals(mp) || path.startsWith(mp.endsWith("/") ? mp : mp + "/");
      if (contains && (owner == null || mp.length() > owner.length())) {
        owner = mp;
      }
    }
    return owner == null || !mounts.get(owner).readOnly;
  }

  private void changeState(Runnable change) {
    boolean before = isQuiesced();
    change.run();
    boolean after = isQuiesced();
    if (!before && after) {
      lastQuiescedAt = Instant.now();
    } else if (before && !after) {
      lastReleasedAt = Instant.now();
    }
  }

  private MountState mount(String mountPoint) {
    MountState state = mounts.get(mountPoint);
    if (state == null) {
      throw new IllegalArgumentException(name + " has no mount point " + mountPoint);
    }
    return state;
  }

  /** Result of a remount or fsfreeze request. */
  enum MountOutcome {
    CHANGED,
    UNCHANGED,
    NOT_MOUNTED,
    BUSY,
    ALREADY_FROZEN,
    NOT_FROZEN
  }

  /** Result of creating or removing a file. */
  enum FileOutcome {
    DONE,
    MISSING,
    READ_ONLY
  }

  private static final class MountState {
    boolean readOnly;
    boolean frozen;
    boolean busy;

    boolean quiesced() {
      return readOnly || frozen;
    }
  }
}
