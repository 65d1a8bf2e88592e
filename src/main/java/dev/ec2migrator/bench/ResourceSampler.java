package dev.ec2migrator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Peak heap in use and peak live threads of this JVM while a benchmark runs. Heap is sampled every
 * 50 ms (the peak seen, garbage included); threads come from the JVM's own peak counter.
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

  public ResourceSampler() {
    threads.resetPeakThreadCount();
    timer.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    if (used > peakHeapBytes) {
      peakHeapBytes = used;
    }
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
