package dev.ec2migrator.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner can read: 0600 and 0700, whatever the umask (a mode given at
 * creation is narrowed by the umask, never widened, so it is set again explicitly). Everything the
 * migrator writes from Java goes through here; the routes use the file producer's {@code
 * chmod=600&chmodDirectory=700}.
 */
public final class OwnerOnly {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Creates the folder (and missing parents) 0700; an existing folder is left as it is. */
  public static Path directory(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return dir;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent)) {
      directory(parent);
    }
    Files.createDirectory(dir, attribute(DIRECTORY));
    restrict(dir, DIRECTORY);
    return dir;
  }

  /**
   * Writes the file 0600 under a temporary name beside it (created new, never through a link), then
   * renames it over the target: a reader never sees a half-written file.
   */
  public static Path write(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".part");
    Files.deleteIfExists(temp);
    try (SeekableByteChannel out =
        Files.newByteChannel(
            temp,
            Set.<OpenOption>of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            attribute(FILE))) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    restrict(temp, FILE);
    return Files.move(
        temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes an existing file 0600, without following a link. */
  public static void restrictFile(Path file) throws IOException {
    restrict(file, FILE);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setPermissions(permissions);
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
