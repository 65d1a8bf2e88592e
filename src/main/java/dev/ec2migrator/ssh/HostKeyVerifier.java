package dev.ec2migrator.ssh;

import dev.ec2migrator.ssh.HostKeyRefusal.Kind;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.HostPatternsHolder;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strict host-key checking against an OpenSSH known_hosts file, by MINA SSHD's own reader and
 * matcher: exact host and port ({@code [host]:port} entries for other ports), hashed entries
 * ({@code HashKnownHosts}, {@code ssh-keyscan -H}), comments, several keys per host, {@code
 * @revoked} and {@code @cert-authority} markers. The file is read again when it changes.
 *
 * <p>Unknown, changed and revoked keys are refused, each with its own {@link HostKeyRefusal}; the
 * file is never written (no key is ever accepted on first use). A host certificate signed by no
 * CA of the file is checked as its plain key, as OpenSSH does.
 */
public class HostKeyVerifier extends KnownHostsServerKeyVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(HostKeyVerifier.class);
  private static final AttributeKey<HostKeyRefusal> REFUSAL = new AttributeKey<>();

  private final Map<String, HostKeyRefusal> lastRefusals = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> loadFailure = new AtomicReference<>();

  public HostKeyVerifier(Path knownHosts) {
    super(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
  }

  /**
   * The refusal of the last key check of a host as dialled, if that check refused it. A host
   * dialled by several sessions at once offers them the same key, so they share the verdict.
   */
  public Optional<HostKeyRefusal> lastRefusal(String host, int port) {
    return Optional.ofNullable(lastRefusals.get(HostKeyRefusal.address(host, port)));
  }

  /** Why this session's host key was refused, if it was. */
  public static Optional<HostKeyRefusal> refusal(ClientSession session) {
    return Optional.ofNullable(session.getAttribute(REFUSAL));
  }

  @Override
  public boolean verifyServerKey(
      ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
    session.removeAttribute(REFUSAL);
    String address = dialled(session, remoteAddress);
    if (super.verifyServerKey(session, remoteAddress, serverKey)) {
      lastRefusals.remove(address);
      return true;
    }
    HostKeyRefusal refusal = session.getAttribute(REFUSAL);
    if (refusal == null) { // a certificate whose CA and key are both unknown here
      refusal = refuse(session, Kind.UNKNOWN, "not in " + getPath());
    }
    lastRefusals.put(address, refusal);
    LOG.warn("{}", refusal.message());
    return false;
  }

  @Override
  protected boolean acceptKnownHostEntries(
      ClientSession session,
      SocketAddress remoteAddress,
      PublicKey serverKey,
      Collection<HostEntryPair> knownHosts) {
    if (super.acceptKnownHostEntries(session, remoteAddress, serverKey, knownHosts)) {
      return true;
    }
    if (serverKey instanceof OpenSshCertificate certificate && refusal(session).isEmpty()) {
      // OpenSSH: no @cert-authority line vouches for the CA, so the certified key stands alone
      return super.acceptKnownHostEntries(
          session, remoteAddress, certificate.getCertPubKey(), knownHosts);
    }
    return false;
  }

  /**
   * MINA's matches, plus what OpenSSH also matches for a port other than 22: it matches patterns
   * against the text {@code [host]:port}, so {@code *} (as in {@code @revoked * <key>}) covers
   * every port, where MINA's port check would let such a line cover port 22 only.
   */
  @Override
  protected List<HostEntryPair> findKnownHostEntries(
      ClientSession session, SocketAddress remoteAddress, Collection<HostEntryPair> knownHosts) {
    List<HostEntryPair> matches =
        new ArrayList<>(super.findKnownHostEntries(session, remoteAddress, knownHosts));
    for (SshdSocketAddress candidate : resolveHostNetworkIdentities(session, remoteAddress)) {
      if (SshConstants.TO_EFFECTIVE_PORT.applyAsInt(candidate.getPort()) == 22) {
        continue;
      }
      String bracketed = "[" + candidate.getHostName() + "]:" + candidate.getPort();
      for (HostEntryPair pair : knownHosts) {
        KnownHostEntry entry = pair.getHostEntry();
        if (entry.getHashedEntry() == null
            && !matches.contains(pair)
            && HostPatternsHolder.isHostMatch(bracketed, 22, entry.getPatterns())) {
          matches.add(pair);
        }
      }
    }
    return matches;
  }

  @Override
  protected List<HostEntryPair> reloadKnownHosts(ClientSession session, Path file)
      throws IOException, GeneralSecurityException {
    try {
      List<HostEntryPair> entries = super.reloadKnownHosts(session, file);
      loadFailure.set(null);
      return entries;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      loadFailure.set(e);
      throw e;
    }
  }

  @Override
  protected boolean acceptUnknownHostKey(
      ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
    Exception failure = loadFailure.get();
    if (failure != null) {
      refuse(session, Kind.UNREADABLE, failure.getMessage());
    } else if (!Files.exists(getPath())) {
      refuse(session, Kind.UNKNOWN, getPath() + " does not exist");
    } else {
      refuse(
          session, Kind.UNKNOWN, "not in " + getPath() + "; it offers " + fingerprint(serverKey));
    }
    return false;
  }

  @Override
  protected boolean acceptIncompleteHostKeys(
      ClientSession session, SocketAddress remoteAddress, PublicKey serverKey, Throwable reason) {
    refuse(session, Kind.UNREADABLE, reason.getMessage());
    return false;
  }

  @Override
  protected void handleRevokedKey(
      ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
    refuse(session, Kind.REVOKED, fingerprint(serverKey) + " is marked @revoked");
  }

  @Override
  public boolean acceptModifiedServerKey(
      ClientSession session,
      SocketAddress remoteAddress,
      KnownHostEntry entry,
      PublicKey expected,
      PublicKey actual) {
    refuse(
        session,
        Kind.CHANGED,
        "it offers " + fingerprint(actual) + ", known_hosts has " + fingerprint(expected));
    return false;
  }

  private HostKeyRefusal refuse(ClientSession session, Kind kind, String detail) {
    HostKeyRefusal refusal = new HostKeyRefusal(kind, dialled(session, null), getPath(), detail);
    session.setAttribute(REFUSAL, refusal);
    return refusal;
  }

  /** The host and port the session was asked to reach (the address the operator configured). */
  private static String dialled(ClientSession session, SocketAddress fallback) {
    SocketAddress target = session.getConnectAddress();
    SshdSocketAddress address =
        SshdSocketAddress.toSshdSocketAddress(target != null ? target : fallback);
    return address == null
        ? String.valueOf(target)
        : HostKeyRefusal.address(address.getHostName(), address.getPort());
  }

  private static String fingerprint(PublicKey key) {
    return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
  }
}
