package dev.ec2migrator.input;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.strategy.FileChangedExclusiveReadLockStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's {@code changed} read lock (the size and time stay unchanged for min-age), and no process
 * may still have the file open for writing: a writer that pauses longer than min-age (a list
 * written in two halves) is not mistaken for a finished one. A file still open is passed over at
 * once, without holding the single inbox thread, and looked at again on the next poll.
 */
public class InboxReadLock extends FileChangedExclusiveReadLockStrategy {
  private static final Logger LOG = LoggerFactory.getLogger(InboxReadLock.class);
  private final OpenWriters writers = new OpenWriters();

  @Override
  public boolean acquireExclusiveReadLock(
      GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange)
      throws Exception {
    Path path = Path.of(file.getAbsoluteFilePath());
    if (stillWritten(path)) {
      return false;
    }
    if (!super.acquireExclusiveReadLock(operations, file, exchange)) {
      return false;
    }
    if (stillWritten(path)) {
      releaseExclusiveReadLockOnAbort(operations, file, exchange);
      return false;
    }
    return true;
  }

  private boolean stillWritten(Path path) {
    boolean open = writers.isOpenForWriting(path);
    if (open) {
      LOG.debug("{} is still open for writing: not taken yet", path.getFileName());
    }
    return open;
  }
}
