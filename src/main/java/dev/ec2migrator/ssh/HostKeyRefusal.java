package dev.ec2migrator.ssh;

import java.nio.file.Path;

/**
 * Why a host's key was refused: each kind has its own message, and none of them is "authentication
 * refused" (the key check comes first, and then nothing has run on the host).
 *
 * @param address the host as dialled, as OpenSSH writes it in known_hosts ({@code [host]:port} for
 *     a port other than 22)
 * @param detail the key fingerprints or the reason the file could not be read
 */
public record HostKeyRefusal(Kind kind, String address, Path knownHosts, String detail) {

  public enum Kind {
    /** No line of the file names this host and port. */
    UNKNOWN,
    /** The file has a key for the host, but the host offered another one. */
    CHANGED,
    /** The offered key (or its certificate's CA or key) is marked {@code @revoked}. */
    REVOKED,
    /** The file could not be read or has a line that is not a known_hosts line. */
    UNREADABLE
  }

  public String message() {
    return switch (kind) {
      case UNKNOWN -> "host key unknown for " + address + " (" + detail + ")";
      case CHANGED ->
          "host key CHANGED for "
              + address
              + ": "
              + detail
              + " (the host was reinstalled or someone is impersonating it: check, then fix "
              + knownHosts
              + ")";
      case REVOKED -> "host key REVOKED for " + address + ": " + detail + " in " + knownHosts;
      case UNREADABLE ->
          "host key not checked for "
              + address
              + ": "
              + knownHosts
              + " cannot be read ("
              + detail
              + ")";
    };
  }

  /** A host as OpenSSH writes it in known_hosts: {@code [host]:port} unless the port is 22. */
  public static String address(String host, int port) {
    return port == 22 || port <= 0 ? host : "[" + host + "]:" + port;
  }
}
