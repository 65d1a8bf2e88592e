package dev.ec2migrator.input;

import dev.ec2migrator.output.OwnerOnly;
import dev.ec2migrator.run.BadInputReport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox consumer's poll strategy: before each poll it checks {@code .done/} and {@code .error/}
 * (no poll while either is unsafe) and moves aside, unopened, every entry named like a list that is
 * not a regular file (a symbolic link, a FIFO, a device, a folder), with a report. It also records
 * when polls start and end, for the inbox liveness check.
 */
public class InboxGuard extends DefaultPollingConsumerPollStrategy {
  private static final Logger LOG = LoggerFactory.getLogger(InboxGuard.class);

  private final BadInputReport reports;
  private final Set<String> leftInPlace = ConcurrentHashMap.newKeySet();
  private volatile String paused;
  private volatile long pollStarted; // System.nanoTime(); 0 while no poll runs
  private volatile long lastPollEnded = System.nanoTime();

  public InboxGuard(BadInputReport reports) {
    this.reports = reports;
  }

  @Override
  public boolean begin(Consumer consumer, Endpoint endpoint) {
    pollStarted = System.nanoTime();
    GenericFileEndpoint<?> files = (GenericFileEndpoint<?>) endpoint;
    InboxFolders folders = new InboxFolders(Path.of(files.getConfiguration().getDirectory()));
    String problem = folders.prepare();
    if (problem != null) {
      if (!problem.equals(paused)) {
        LOG.error("Inbox paused, no list is taken until this is fixed: {}", problem);
      }
      paused = problem;
      ended();
      return false;
    }
    if (paused != null) {
      LOG.info("Inbox resumed: {} and {} are safe again", InboxFolders.DONE, InboxFolders.ERROR);
      paused = null;
    }
    moveAsideWhatIsNotARegularFile(folders, files.getIncludePattern());
    return true;
  }

  @Override
  public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
    ended();
  }

  @Override
  public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e)
      throws Exception {
    ended();
    return super.rollback(consumer, endpoint, retryCounter, e);
  }

  /** Nanos since the poll in progress started, or -1 when none is in progress. */
  public long pollRunningNanos() {
    long started = pollStarted;
    return started == 0 ? -1 : System.nanoTime() - started;
  }

  public long sinceLastPollNanos() {
    return System.nanoTime() - lastPollEnded;
  }

  /** Why the inbox takes nothing at the moment, or null. */
  public String paused() {
    return paused;
  }

  /** A taken list is made 0600 before it is moved to .done/ or .error/. */
  public void keepPrivate(String absolutePath) {
    try {
      OwnerOnly.restrictFile(Path.of(absolutePath));
    } catch (IOException e) {
      LOG.warn("{} could not be made private (0600): {}", absolutePath, e.toString());
    }
  }

  private void ended() {
    lastPollEnded = System.nanoTime();
    pollStarted = 0;
  }

  private void moveAsideWhatIsNotARegularFile(InboxFolders folders, Pattern include) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folders.inbox())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") || include != null && !include.matcher(name).matches()) {
          continue;
        }
        BasicFileAttributes attributes =
            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
          moveAside(folders, entry, attributes);
        }
      }
    } catch (IOException e) {
      LOG.warn("Inbox {} could not be listed: {}", folders.inbox(), e.toString());
    }
  }

  private void moveAside(InboxFolders folders, Path entry, BasicFileAttributes attributes) {
    String name = entry.getFileName().toString();
    String problem =
        "not a regular file but "
            + ListFileReader.kind(attributes)
            + "; refused without opening it (only regular files are read)";
    try {
      // a rename moves the link or the FIFO itself, never what it points to
      Files.move(
          entry,
          folders.error().resolve(name),
          LinkOption.NOFOLLOW_LINKS,
          StandardCopyOption.REPLACE_EXISTING);
      reports.refused(folders, name, problem);
    } catch (IOException e) {
      if (leftInPlace.add(name)) {
        LOG.warn("{}: {}; left in the inbox and ignored ({})", name, problem, e.toString());
      }
    }
  }
}
