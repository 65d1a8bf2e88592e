package dev.ec2migrator.demo.ssh;

import dev.ec2migrator.demo.ssh.HostEvent.Kind;
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
 * One simulated host: its mount points (type, read-only / frozen / busy) as /proc/mounts shows
 * them, whether it has fsfreeze, its running processes, injected faults and an event log. All state
 * changes are atomic per host.
 *
 * <p>Size: one host's state (mounts, files, processes, faults, events) behind one lock, so that a
 * script's change and a test's view of it are atomic; each method is one read or one change, and
 * splitting the state would split the lock.
 */
public final class SimHost {

  /** tmpfs: stays writable while the mounts are read-only. */
  private static final String SHM = "/dev/shm/";

  private final String name;
  private final Map<String, MountState> mounts = new LinkedHashMap<>();
  private final Set<String> files = new HashSet<>();
  private volatile List<String> grubMenu;
  private final List<HostEvent> events = new ArrayList<>();
  private Instant lastQuiescedAt;
  private Instant lastReleasedAt;
  private final Map<Integer, ShellProcess> processes = new LinkedHashMap<>();
  private int lastPid = 1000;
  private boolean fsfreezeInstalled = true;
  private boolean sudoAllowed = true;
  private volatile boolean partitioned;
  private Duration commandLatency = Duration.ZERO;
  private String commandLatencyOnlyFor;
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

  /** True while any mount point is frozen, or read-only when its own state is read-write. */
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

  /**
   * Adds (or replaces) a mount as /proc/mounts shows it, e.g. a read-only ext4 data disk or a
   * tmpfs.
   */
  public synchronized void mount(String mountPoint, String type, boolean readOnly) {
    MountState state = new MountState();
    state.type = type;
    state.readOnly = readOnly;
    state.ownReadOnly = readOnly;
    mounts.put(mountPoint, state);
  }

  /** No sudo rule for the login user: every {@code sudo -n} asks for a password. */
  public synchronized void withoutSudoRules() {
    sudoAllowed = false;
  }

  synchronized boolean sudoAllowed() {
    return sudoAllowed;
  }

  /** Without fsfreeze, like OEL 5.5 (util-linux of that age has none). */
  public synchronized void withoutFsfreeze() {
    fsfreezeInstalled = false;
  }

  synchronized boolean hasFsfreeze() {
    return fsfreezeInstalled;
  }

  /**
   * From now on nothing passes between this host and the migrator: no output reaches the client,
   * and the host sees neither input nor the end of its sessions (the network went away without a
   * close). Only the dead-man can release it.
   */
  public void partition() {
    partitioned = true;
    record(Kind.PARTITIONED, name);
  }

  boolean partitioned() {
    return partitioned;
  }

  /**
   * Sends {@code signal} (e.g. TERM) to every process of the login user, as systemd-logind does
   * with KillUserProcesses=yes when the session ends (or {@code pkill -TERM -u user}).
   */
  public void signalUserProcesses(String signal) {
    List<ShellProcess> running;
    synchronized (this) {
      running = List.copyOf(processes.values());
    }
    record(Kind.SIGNALLED, signal + " to " + running.size() + " processes");
    running.forEach(process -> process.signal(signal));
  }

  /** Processes running now (the quiesce script, its dead-man, its stdin reader). */
  public synchronized int processCount() {
    return processes.size();
  }

  synchronized int nextPid() {
    return ++lastPid;
  }

  synchronized void started(ShellProcess process) {
    processes.put(process.pid(), process);
  }

  synchronized void ended(ShellProcess process) {
    processes.remove(process.pid());
  }

  synchronized ShellProcess process(int pid) {
    return processes.get(pid);
  }

  /** The binaries the scripts look for. */
  synchronized boolean executable(String path) {
    return (path.equals("/sbin/fsfreeze") || path.equals("/usr/sbin/fsfreeze"))
        && fsfreezeInstalled;
  }

  /** The files a script can read: /proc/mounts, /dev/null, the grub menu; null for any other. */
  ShellInput file(String path) {
    return switch (path) {
      case "/proc/mounts" -> new ShellInput.FileLines(procMounts());
      case "/dev/null" -> ShellInput.NULL;
      case "/boot/grub/menu.lst" -> grubMenu == null ? null : new ShellInput.FileLines(grubMenu);
      default -> null;
    };
  }

  /** A paravirtual host's /boot/grub/menu.lst (GRUB legacy), read by PV-GRUB at boot. */
  public synchronized void grubMenu(List<String> lines) {
    grubMenu = List.copyOf(lines);
  }

  /** /proc/mounts: device, mount point (octal escapes), type, options, 0 0. */
  public synchronized List<String> procMounts() {
    List<String> lines = new ArrayList<>();
    lines.add("proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0");
    lines.add("sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0");
    int disk = 1;
    for (Map.Entry<String, MountState> e : mounts.entrySet()) {
      MountState state = e.getValue();
      String device =
          state.type.equals("ext4") || state.type.equals("xfs")
              ? "/dev/nvme" + disk++ + "n1"
              : state.type;
      lines.add(
          device
              + " "
              + escaped(e.getKey())
              + " "
              + state.type
              + " "
              + (state.readOnly ? "ro" : "rw")
              + ",relatime 0 0");
    }
    if (!mounts.containsKey("/dev/shm")) {
      lines.add("tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0");
    }
    return lines;
  }

  private static String escaped(String mountPoint) {
    return mountPoint
        .replace("\\", "\\134")
        .replace(" ", "\\040")
        .replace("\t", "\\011")
        .replace("\n", "\\012");
  }

  /** Latency added before every command line this host executes (on top of the global one). */
  public synchronized void commandLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0: " + latency);
    }
    commandLatency = latency;
    commandLatencyOnlyFor = null;
  }

  /**
   * Latency added only before the command lines that contain {@code containing} (e.g. the quiesce
   * script, not the preflight's reads).
   */
  public synchronized void commandLatency(Duration latency, String containing) {
    commandLatency(latency);
    commandLatencyOnlyFor = containing;
  }

  /**
   * The next command line containing {@code containing} runs until it prints its first line on
   * stdout (a quiesce script's FROZEN), or to its end if it prints none; that line never arrives:
   * the session is closed without an exit status. The script itself runs on, like a process whose
   * client went away.
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

  synchronized Duration currentCommandLatency(String commandLine) {
    return commandLatencyOnlyFor == null || commandLine.contains(commandLatencyOnlyFor)
        ? commandLatency
        : Duration.ZERO;
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
      lines.add(
          "/dev/nvme"
              + disk++
              + "n1 on "
              + e.getKey()
              + " type "
              + e.getValue().type
              + " ("
              + mode
              + ")");
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
    String type = "ext4";
    boolean readOnly;
    boolean frozen;
    boolean busy;

    /** Read-only by the host's own configuration (not by a quiesce). */
    boolean ownReadOnly;

    boolean quiesced() {
      return (readOnly && !ownReadOnly) || frozen;
    }
  }
}
