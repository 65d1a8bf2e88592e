package dev.ec2migrator.demo.ssh;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh simulator and a camel-ssh client per test. */
abstract class SimulatorTestBase {

  @TempDir Path dir;
  SshHostSimulator simulator;
  CamelSshClient ssh;
  Path privateKey;

  SshSimulatorSettings settings() {
    return SshSimulatorSettings.defaults().withSleepScale(0.001);
  }

  @BeforeEach
  void startSimulator() {
    simulator = SshHostSimulator.start(settings());
    privateKey = dir.resolve("id_ed25519");
    simulator.writeClientPrivateKey(privateKey);
    ssh = new CamelSshClient(simulator, privateKey);
  }

  @AfterEach
  void stopSimulator() {
    ssh.close();
    simulator.close();
  }

  /** Waits for something the simulator does asynchronously (a dead-man waking up). */
  static void awaitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
  }
}
