package dev.ec2migrator.input;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import org.apache.camel.component.file.GenericFile;

/**
 * Reads an instance list file safely: its type and size are taken with lstat before anything opens
 * it, so a symbolic link, a FIFO (an open would block the reading thread until a writer comes), a
 * device or an oversized file is refused unread; it is then opened without following links and read
 * up to migrator.input.max-bytes, never further, even if it grows meanwhile.
 */
public class ListFileReader {
  private final long maxBytes;

  public ListFileReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The list's bytes from what the route carries: an inbox file, a path (the migrate command) or
   * bytes already read (checked for size only).
   */
  public byte[] content(Object body, String sourceName) throws IOException {
    if (body instanceof byte[] bytes) {
      if (bytes.length > maxBytes) {
        throw overLimit(sourceName, bytes.length);
      }
      return bytes;
    }
    if (body instanceof GenericFile<?> file) {
      return read(Path.of(file.getAbsoluteFilePath()), sourceName);
    }
    if (body instanceof File file) {
      return read(file.toPath(), sourceName);
    }
    if (body instanceof Path path) {
      return read(path, sourceName);
    }
    throw new IllegalArgumentException(
        "an instance list arrives as a file, a path or bytes, not as "
            + (body == null ? "nothing" : body.getClass().getName()));
  }

  public byte[] read(Path path, String sourceName) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      throw invalid(sourceName, "the file does not exist (any more)");
    }
    if (!attributes.isRegularFile()) {
      throw invalid(
          sourceName,
          "not a regular file but "
              + kind(attributes)
              + "; refused without opening it (only regular files are read)");
    }
    if (attributes.size() > maxBytes) {
      throw overLimit(sourceName, attributes.size());
    }
    try (SeekableByteChannel in =
        Files.newByteChannel(
            path, Set.<OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) attributes.size());
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw overLimit(sourceName, total);
        }
        out.write(buffer.array(), 0, n);
        buffer.clear();
      }
      return out.toByteArray();
    } catch (java.nio.file.FileSystemException e) {
      // e.g. replaced by a link since it was checked: the open without following links fails
      throw invalid(sourceName, "could not be read: " + e.getReason());
    }
  }

  /** What an entry that is not a regular file is, for the report. */
  public static String kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "a folder";
    }
    if (attributes.isOther()) {
      return "a FIFO, socket or device";
    }
    return "not a regular file";
  }

  private InvalidInstanceListException overLimit(String sourceName, long length) {
    return invalid(
        sourceName,
        "file is "
            + length
            + " bytes, over the limit of "
            + maxBytes
            + " bytes (migrator.input.max-bytes)");
  }

  private static InvalidInstanceListException invalid(String sourceName, String problem) {
    return new InvalidInstanceListException(sourceName, List.of(problem));
  }
}
