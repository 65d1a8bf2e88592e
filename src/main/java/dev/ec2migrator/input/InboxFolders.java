package dev.ec2migrator.input;

import com.sun.security.auth.module.UnixSystem;
import dev.ec2migrator.output.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;

/**
 * The inbox's {@code .done/} and {@code .error/}: created 0700 by the service, and trusted only
 * while each is a real folder owned by the service's user. A symbolic link there would move the
 * dropped lists and their reports wherever it points (as root: anywhere), so while one is unsafe
 * the inbox takes nothing.
 */
public class InboxFolders {
  public static final String DONE = ".done";
  public static final String ERROR = ".error";

  private final Path inbox;
  private final long uid = new UnixSystem().getUid();

  public InboxFolders(Path inbox) {
    this.inbox = inbox;
  }

  public Path inbox() {
    return inbox;
  }

  public Path error() {
    return inbox.resolve(ERROR);
  }

  /**
   * Creates the inbox and its folders where missing (0700) and checks them.
   *
   * @return null when both are safe, else why not (no file is taken meanwhile)
   */
  public String prepare() {
    try {
      OwnerOnly.directory(inbox);
      for (String name : List.of(DONE, ERROR)) {
        if (!Files.exists(inbox.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          OwnerOnly.directory(inbox.resolve(name));
        }
      }
    } catch (IOException e) {
      return "cannot create " + inbox + "/" + DONE + " and " + ERROR + ": " + e;
    }
    return problem();
  }

  /** Null when {@code .done/} and {@code .error/} are safe (or not there yet), else why not. */
  public String problem() {
    for (String name : List.of(DONE, ERROR)) {
      String problem = problem(inbox.resolve(name));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private String problem(Path folder) {
    PosixFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return folder + " cannot be checked: " + e.getMessage();
    }
    if (attributes.isSymbolicLink()) {
      return folder + " is a symbolic link; the inbox moves lists only into a real folder";
    }
    if (!attributes.isDirectory()) {
      return folder + " is not a folder";
    }
    try {
      Object owner = Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (((Number) owner).longValue() != uid) {
        return folder
            + " is owned by "
            + attributes.owner().getName()
            + ", not by the user the migrator runs as";
      }
    } catch (IOException e) {
      return folder + " cannot be checked: " + e.getMessage();
    }
    return null;
  }
}
