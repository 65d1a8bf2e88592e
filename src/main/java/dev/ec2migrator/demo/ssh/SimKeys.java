package dev.ec2migrator.demo.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Generates the simulator's ed25519 keys and writes them in the formats OpenSSH clients read. */
final class SimKeys {

  private SimKeys() {}

  static KeyPair newEd25519() {
    try {
      return SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ed25519 is not available (net.i2p.crypto:eddsa)", e);
    }
  }

  /** {@code ssh-ed25519 AAAA...}: the public key as in authorized_keys and known_hosts. */
  static String publicKeyEntry(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  /**
   * An unencrypted {@code -----BEGIN OPENSSH PRIVATE KEY-----} file, readable only by its owner.
   */
  static void writePrivateKey(KeyPair keyPair, Path file) {
    try {
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
            keyPair, "ec2-migrator-sim", null, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the client key", e);
    }
  }
}
