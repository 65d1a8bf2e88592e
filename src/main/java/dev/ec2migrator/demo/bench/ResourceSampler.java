package dev.ec2migrator.demo.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap and peak live threads of this JVM while a benchmark runs: the peak heap in use, sampled
 * every 50 ms (garbage included, so it grows toward -Xmx), and the peak left right after any
 * collection (what the run holds, plus old garbage not yet collected). Threads come from the JVM's
 * own peak counter. Also what the harness itself cost: the process CPU time, the time spent in
 * garbage collection, and the CPU used in each second of the run (how close it came to the cores it
 * can get).
 */
public final class ResourceSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener afterGc = this::afterGc;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
          });
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long startNanos = System.nanoTime();
  private final long startCpuNanos = os.getProcessCpuTime();
  private final long startGcMillis = gcMillis();
  private final List<Double> coresPerSecond = new ArrayList<>();
  private long secondStartNanos = startNanos;
  private long secondStartCpu = startCpuNanos;
  private volatile long peakHeapBytes;
  private volatile long peakAfterGcBytes;

  public ResourceSampler() {
    threads.resetPeakThreadCount();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(afterGc, null, null);
        emitters.add(emitter);
      }
    }
    timer.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    if (used > peakHeapBytes) {
      peakHeapBytes = used;
    }
    long now = System.nanoTime();
    synchronized (coresPerSecond) {
      if (now - secondStartNanos >= 1_000_000_000L) {
        long cpu = os.getProcessCpuTime();
        coresPerSecond.add((double) (cpu - secondStartCpu) / (now - secondStartNanos));
        secondStartNanos = now;
        secondStartCpu = cpu;
      }
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Process CPU seconds (every thread: migrator, simulators, JIT, GC) since this sampler began. */
  public double cpuSeconds() {
    return (os.getProcessCpuTime() - startCpuNanos) / 1e9;
  }

  /** Wall seconds since this sampler began. */
  public double wallSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Time the collectors reported spending since this sampler began. */
  public double gcSeconds() {
    return (gcMillis() - startGcMillis) / 1e3;
  }

  /** CPU seconds used in each whole second so far. */
  public List<Double> coresPerSecond() {
    synchronized (coresPerSecond) {
      return List.copyOf(coresPerSecond);
    }
  }

  private void afterGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    synchronized (this) {
      peakAfterGcBytes = Math.max(peakAfterGcBytes, used);
    }
  }

  public long peakHeapBytes() {
    sample();
    return peakHeapBytes;
  }

  /** 0 when no collection ran. */
  public long peakHeapAfterGcBytes() {
    return peakAfterGcBytes;
  }

  public int peakThreads() {
    return threads.getPeakThreadCount();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(afterGc);
      } catch (ListenerNotFoundException e) {
        // never added to this one
      }
    }
  }
}
