package dev.ec2migrator.demo.ssh;

import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;

/** The server's host key, replaceable at run time to simulate a reinstalled host. */
final class RotatingHostKey implements KeyPairProvider {

  private final AtomicReference<KeyPair> current = new AtomicReference<>(SimKeys.newEd25519());

  @Override
  public Iterable<KeyPair> loadKeys(SessionContext session) {
    return List.of(current.get());
  }

  KeyPair current() {
    return current.get();
  }

  void rotate() {
    current.set(SimKeys.newEd25519());
  }
}
