package dev.ec2migrator.input;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether some process still has a file open for writing, from Linux's {@code /proc/<pid>/fd} links
 * and the access mode in {@code /proc/<pid>/fdinfo}. Only the processes this user may inspect are
 * seen (its own, or all as root); elsewhere, or without {@code /proc}, it sees no writer and the
 * inbox relies on the rename or the done file (see README, "Dropping a list").
 */
public class OpenWriters {
  private static final Path PROC = Path.of("/proc");
  private static final int ACCESS_MODE = 3; // O_ACCMODE: 0 read-only, 1 write-only, 2 read-write

  public boolean isOpenForWriting(Path file) {
    String target;
    try {
      target = file.toRealPath().toString();
    } catch (IOException e) {
      return false; // gone: nothing to wait for
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, OpenWriters::isPid)) {
      for (Path process : processes) {
        if (writes(process, target)) {
          return true;
        }
      }
    } catch (IOException e) {
      return false; // no /proc: not Linux
    }
    return false;
  }

  private static boolean isPid(Path entry) {
    String name = entry.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private static boolean writes(Path process, String target) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        if (target.equals(linkTarget(fd)) && writeMode(process, fd.getFileName().toString())) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      // another user's process, or it ended meanwhile
    }
    return false;
  }

  private static String linkTarget(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean writeMode(Path process, String fd) {
    try {
      for (String line : Files.readAllLines(process.resolve("fdinfo").resolve(fd))) {
        if (line.startsWith("flags:")) {
          int flags = Integer.parseInt(line.substring(6).strip(), 8);
          return (flags & ACCESS_MODE) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }
}
