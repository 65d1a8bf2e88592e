package dev.ec2migrator.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Asks a host first for the key types known_hosts holds for it, as OpenSSH's client does: a host
 * offering ecdsa and ed25519 keys, known by its ed25519 key only, would otherwise answer with the
 * ecdsa key MINA prefers, and be refused as CHANGED. Matched on the address the connection reaches
 * (the dialled IP address); hosts known by name only keep MINA's order.
 */
public class KnownKeyTypesFirst implements SessionListener {
  private final Path knownHosts;
  private Snapshot snapshot = new Snapshot(null, -1, List.of());

  public KnownKeyTypesFirst(Path knownHosts) {
    this.knownHosts = knownHosts;
  }

  @Override
  public void sessionCreated(Session session) {
    if (!(session instanceof ClientSession)) {
      return;
    }
    SshdSocketAddress remote =
        SshdSocketAddress.toSshdSocketAddress(session.getIoSession().getRemoteAddress());
    Set<String> known = keyTypes(remote.getHostName(), remote.getPort());
    if (known.isEmpty()) {
      return;
    }
    List<NamedFactory<Signature>> first = new ArrayList<>();
    List<NamedFactory<Signature>> rest = new ArrayList<>();
    for (NamedFactory<Signature> factory : session.getSignatureFactories()) {
      (known.contains(KeyUtils.getCanonicalKeyType(factory.getName())) ? first : rest).add(factory);
    }
    first.addAll(rest);
    session.setSignatureFactories(first);
  }

  /** The key types of the plain (not revoked, not CA) entries for a host and port. */
  Set<String> keyTypes(String host, int port) {
    return entries().stream()
        .filter(e -> e.getMarker() == null && e.isHostMatch(host, port))
        .map(e -> KeyUtils.getCanonicalKeyType(e.getKeyEntry().getKeyType()))
        .collect(Collectors.toSet());
  }

  /** The file's entries, read again when its size or time changes; none while it is unreadable. */
  private synchronized Collection<KnownHostEntry> entries() {
    try {
      FileTime modified = Files.getLastModifiedTime(knownHosts);
      long size = Files.size(knownHosts);
      if (!modified.equals(snapshot.modified()) || size != snapshot.size()) {
        snapshot = new Snapshot(modified, size, KnownHostEntry.readKnownHostEntries(knownHosts));
      }
      return snapshot.entries();
    } catch (IOException | RuntimeException unreadable) {
      // the verifier reports the file; the key type order only changes what the host is asked
      return List.of();
    }
  }

  private record Snapshot(FileTime modified, long size, List<KnownHostEntry> entries) {}
}
