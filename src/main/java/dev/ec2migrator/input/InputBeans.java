package dev.ec2migrator.input;

import dev.ec2migrator.run.BadInputReport;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.LoggingLevel;
import org.apache.camel.PropertyInject;

/**
 * How a list comes in: the inbox consumer's read lock and moves (route intake-inbox), the inbox's
 * folders guarded, the list read within its size limit and validated whole.
 */
public class InputBeans implements CamelConfiguration {

  /** Camel's process strategy (move, moveFailed), moving only into safe .done/ and .error/. */
  @BindToRegistry("inboxMoves")
  public InboxMoves inboxMoves() {
    return new InboxMoves();
  }

  /**
   * Camel's changed read lock (size and time unchanged for min-age) plus "no process still has the
   * file open for writing", so a writer that pauses is not taken for a finished one.
   */
  @BindToRegistry("inboxReadLock")
  public InboxReadLock inboxReadLock(
      @PropertyInject("migrator.inbox.read-lock-min-age") long minAgeMs) {
    InboxReadLock lock = new InboxReadLock();
    lock.setMinAge(minAgeMs);
    // an empty file must reach validation (and be rejected): the default of 1 byte would hold the
    // single inbox thread for the whole timeout on every poll
    lock.setMinLength(0);
    lock.setCheckInterval(500);
    lock.setTimeout(60000);
    lock.setReadLockLoggingLevel(LoggingLevel.WARN);
    return lock;
  }

  @BindToRegistry("listFileReader")
  public ListFileReader listFileReader(@PropertyInject("migrator.input.max-bytes") long maxBytes) {
    return new ListFileReader(maxBytes);
  }

  /** The whole list validated before anything touches AWS (the routes and ListArgument). */
  @BindToRegistry("instanceListParser")
  public InstanceListParser instanceListParser(
      @PropertyInject("migrator.input.max-bytes") long maxBytes,
      @PropertyInject("migrator.input.max-instances") int maxInstances) {
    return new InstanceListParser(maxBytes, maxInstances);
  }

  @BindToRegistry("inboxGuard")
  public InboxGuard inboxGuard(BadInputReport reports) {
    return new InboxGuard(reports);
  }
}
