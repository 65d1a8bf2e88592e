package dev.ec2migrator.demo.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Prints a benchmark's figures to the console, in the order BENCHMARKS.md quotes them. */
final class BenchSummary {
  private final PrintStream console;
  private final Path out;

  BenchSummary(PrintStream console, Path out) {
    this.console = console;
    this.out = out;
  }

  @SuppressWarnings("unchecked")
  void print(
      Map<String, Object> results,
      Map<String, Object> migrator,
      Map<String, Object> sequential,
      int instances) {
    Map<String, Object> bound = (Map<String, Object>) migrator.get("lowerBound");
    Map<String, Object> calls = (Map<String, Object>) migrator.get("apiCalls");
    console.println();
    console.printf(
        "Migrator: %s of %d done, %s failed%n",
        migrator.get("done"), instances, migrator.get("failed"));
    console.printf(
        "  makespan %s s, lower bound %s s (%s), ratio %s%n",
        migrator.get("makespanSeconds"),
        bound.get("seconds"),
        bound.get("boundBy"),
        migrator.get("makespanOverLowerBound"));
    console.printf(
        "  EC2 calls %s (%s per instance, %s of them polling), throttled %s, limit errors %s%n",
        calls.get("total"),
        calls.get("perInstance"),
        calls.get("pollingPerInstance"),
        migrator.get("throttled"),
        migrator.get("limitErrors"));
    console.printf("  calls by action %s%n", calls.get("byAction"));
    console.printf("  freeze window ms: %s%n", migrator.get("freezeMs"));
    console.printf(
        "  peak heap %s MiB in use, %s MiB after GC (max %s MiB), peak threads %s%n",
        migrator.get("peakHeapMiB"),
        migrator.get("peakHeapAfterGcMiB"),
        ((Map<String, Object>) results.get("machine")).get("maxHeapMiB"),
        migrator.get("peakThreads"));
    Map<String, Object> harness = (Map<String, Object>) migrator.get("harness");
    Map<String, Object> slots = (Map<String, Object>) harness.get("copySlots");
    console.printf(
        "  harness: %s CPU s (%s per host), utilisation %s (expected %s), saturated %s of %s s,"
            + " GC %s s%n",
        harness.get("cpuSeconds"),
        harness.get("cpuSecondsPerHost"),
        harness.getOrDefault("utilisation", "-"),
        harness.getOrDefault("expectedUtilisation", "-"),
        harness.getOrDefault("saturatedSeconds", "-"),
        harness.getOrDefault("seconds", "-"),
        harness.get("gcSeconds"));
    console.printf(
        "  copy slots idle while a copy waited: %s s of run time (%s of makespan - bound)%n",
        slots.get("secondsLost"), slots.get("shareOfGap"));
    if (sequential.containsKey("meanSecondsPerHost")) {
      Map<String, Object> seqCalls = (Map<String, Object>) sequential.get("apiCalls");
      console.printf(
          "Sequential (%s hosts sampled): %s s per host, %s s for %d hosts, %s calls per instance,"
              + " freeze window ms: %s%n",
          sequential.get("sampleHosts"),
          sequential.get("meanSecondsPerHost"),
          sequential.get("extrapolatedMakespanSeconds"),
          instances,
          seqCalls.get("perInstance"),
          sequential.get("freezeMs"));
      console.printf("Speed-up: %sx%n", results.get("speedUp"));
    }
    console.println("Run report " + migrator.get("report"));
    console.println("Results in " + out.toAbsolutePath());
  }
}
