package dev.ec2migrator.demo.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;

/**
 * An embedded SSH server on 127.0.0.1 that plays a fleet of hosts: the SSH user name names the
 * host, authentication is by the simulator's client key only, and exec requests run in a small
 * shell interpreter that understands the migrator's quiesce and thaw commands.
 */
public final class SshHostSimulator implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final Map<String, SimHost> hosts = new LinkedHashMap<>();
  private final KeyPair clientKey = SimKeys.newEd25519();
  private final RotatingHostKey hostKey = new RotatingHostKey();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(daemonThreads("ssh-sim-sh-"));
  private final SshServer server;

  private SshHostSimulator(SshSimulatorSettings settings) {
    this.scheduler =
        Executors.newScheduledThreadPool(settings.schedulerThreads(), daemonThreads("ssh-sim-"));
    this.server = SshServer.setUpDefaultServer();
    server.setHost(LOOPBACK);
    server.setPort(0);
    server.setKeyPairProvider(hostKey);
    if (!settings.postQuantumKex()) {
      server.setKeyExchangeFactories(
          server.getKeyExchangeFactories().stream()
              .filter(kex -> !kex.getName().contains("sntrup") && !kex.getName().contains("mlkem"))
              .toList());
    }
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setPublickeyAuthenticator(
        (user, key, session) ->
            host(user, false) != null && KeyUtils.compareKeys(clientKey.getPublic(), key));
    server.setCommandFactory(
        (channel, command) ->
            new SimExecCommand(command, name -> host(name, false), scheduler, workers, settings));
  }

  public static SshHostSimulator start(SshSimulatorSettings settings) {
    SshHostSimulator simulator = new SshHostSimulator(settings);
    try {
      simulator.server.start();
    } catch (IOException e) {
      simulator.close();
      throw new UncheckedIOException("cannot start the SSH simulator", e);
    }
    return simulator;
  }

  public int port() {
    return server.getPort();
  }

  /** Adds a host reachable as {@code ssh <name>@127.0.0.1 -p port()}. */
  public SimHost addHost(String name, List<String> mountPoints) {
    SimHost host = new SimHost(name, mountPoints);
    synchronized (hosts) {
      if (hosts.putIfAbsent(name, host) != null) {
        throw new IllegalArgumentException("host already exists: " + name);
      }
    }
    return host;
  }

  public SimHost host(String name) {
    return host(name, true);
  }

  public Collection<SimHost> hosts() {
    synchronized (hosts) {
      return List.copyOf(hosts.values());
    }
  }

  /** Names of the hosts with any mount point quiesced (frozen, or made read-only) right now. */
  public List<String> quiescedHosts() {
    return hosts().stream().filter(SimHost::isQuiesced).map(SimHost::name).toList();
  }

  /** The client private key (OpenSSH format, ed25519, unencrypted, mode 600). */
  public void writeClientPrivateKey(Path file) {
    SimKeys.writePrivateKey(clientKey, file);
  }

  /** One known_hosts line {@code [127.0.0.1]:<port> ssh-ed25519 <base64>} for the current key. */
  public void writeKnownHosts(Path file) {
    String line =
        "["
            + LOOPBACK
            + "]:"
            + port()
            + " "
            + SimKeys.publicKeyEntry(hostKey.current().getPublic());
    try {
      Files.writeString(file, line + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the host key, as if the host had been reinstalled (or impersonated). */
  public void rotateHostKey() {
    hostKey.rotate();
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scheduler.shutdownNow();
      workers.shutdownNow();
    }
  }

  private SimHost host(String name, boolean required) {
    SimHost host;
    synchronized (hosts) {
      host = hosts.get(name);
    }
    if (host == null && required) {
      throw new NoSuchElementException("no simulated host " + name);
    }
    return host;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
