package dev.ec2migrator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Peak heap and peak live threads of this JVM while a benchmark runs. Heap is sampled every 50 ms:
 * the peak in use (garbage included, so it grows toward -Xmx), and the peak left after a collection
 * (what the run really holds). Threads come from the JVM's own peak counter.
 */
public final class ResourceSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
          });
  private volatile long peakHeapBytes;
  private volatile long peakAfterGcBytes;

  public ResourceSampler() {
    threads.resetPeakThreadCount();
    timer.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    if (used > peakHeapBytes) {
      peakHeapBytes = used;
    }
    long afterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        afterGc += pool.getCollectionUsage().getUsed();
      }
    }
    if (afterGc > peakAfterGcBytes) {
      peakAfterGcBytes = afterGc;
    }
  }

  public long peakHeapAfterGcBytes() {
    sample();
    return peakAfterGcBytes;
  }

  public long peakHeapBytes() {
    sample();
    return peakHeapBytes;
  }

  public int peakThreads() {
    return threads.getPeakThreadCount();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
