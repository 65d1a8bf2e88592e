package dev.ec2migrator.sim.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many hosts quiesced at once over parallel connections; sleeping dead-men hold no thread. */
class ConcurrencyTest extends SimulatorTestBase {

  static final int HOSTS = 50;
  static final List<String> MOUNTS = List.of("/", "/data", "/var/log");

  @Override
  SshSimulatorSettings settings() {
    // one scheduler thread: 50 dead-men asleep at once must not need a thread each
    return SshSimulatorSettings.defaults().withSleepScale(0.01).withSchedulerThreads(1);
  }

  @Test
  void freezesAndThawsFiftyHostsInParallel() throws Exception {
    List<String> names = addHosts();

    List<SshReply> frozen =
        onEachHost(
            names, name -> ssh.exec(name, QuiesceCommands.freeze(name, 100_000, MOUNTS, false)));

    assertThat(frozen).allSatisfy(reply -> assertThat(reply).isEqualTo(new SshReply("", "", 0)));
    assertThat(simulator.quiescedHosts()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(simulator.hosts())
        .allSatisfy(
            host -> {
              assertThat(MOUNTS).allMatch(host::isReadOnly);
              assertThat(host.filePresent(QuiesceCommands.marker(host.name()))).isTrue();
            });

    List<SshReply> thawed =
        onEachHost(names, name -> ssh.exec(name, QuiesceCommands.thaw(name, MOUNTS, false)));

    assertThat(thawed).allSatisfy(reply -> assertThat(reply).isEqualTo(new SshReply("", "", 0)));
    assertThat(simulator.quiescedHosts()).isEmpty();
    assertThat(simulator.hosts())
        .noneMatch(host -> host.filePresent(QuiesceCommands.marker(host.name())));
  }

  @Test
  void fiftyDeadMenSleepingAtOnceAllFire() throws Exception {
    List<String> names = addHosts();

    onEachHost(names, name -> ssh.exec(name, QuiesceCommands.freeze(name, 100, MOUNTS, false)));

    awaitUntil("every dead-man fired", () -> simulator.quiescedHosts().isEmpty());
    assertThat(simulator.hosts())
        .allSatisfy(
            host ->
                assertThat(host.events())
                    .extracting(HostEvent::kind)
                    .containsOnlyOnce(HostEvent.Kind.DEADMAN_FIRED));
  }

  private List<String> addHosts() {
    List<String> names =
        IntStream.range(0, HOSTS).mapToObj(i -> String.format("i-%017x", i)).toList();
    names.forEach(name -> simulator.addHost(name, MOUNTS));
    return names;
  }

  private static <T> List<T> onEachHost(List<String> names, Function<String, T> action)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<T>> futures =
          names.stream().map(n -> pool.submit(() -> action.apply(n))).toList();
      List<T> results = new java.util.ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }
}
