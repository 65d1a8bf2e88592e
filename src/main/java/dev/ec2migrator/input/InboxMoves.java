package dev.ec2migrator.input;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.strategy.FileProcessStrategyFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's process strategy: Camel's own (the route's {@code move}, {@code moveFailed} and read
 * lock), except that a list is moved only while {@code .done/} and {@code .error/} are still real
 * folders of this user. Checked again right before the move, since a folder swapped for a link
 * during a run would otherwise receive the list (InboxGuard checks before each poll). A list not
 * moved stays in the inbox and is taken again once the folders are safe (a run resumes).
 */
public class InboxMoves implements GenericFileProcessStrategy<File> {
  private static final Logger LOG = LoggerFactory.getLogger(InboxMoves.class);
  private GenericFileProcessStrategy<File> camels;

  @Override
  public void prepareOnStartup(
      GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) throws Exception {
    Map<String, Object> params = new HashMap<>();
    params.put("move", endpoint.getMove());
    params.put("moveFailed", endpoint.getMoveFailed());
    params.put("exclusiveReadLockStrategy", endpoint.getExclusiveReadLockStrategy());
    camels =
        new FileProcessStrategyFactory()
            .createGenericFileProcessStrategy(endpoint.getCamelContext(), params);
    camels.prepareOnStartup(operations, endpoint);
  }

  @Override
  public boolean begin(
      GenericFileOperations<File> operations,
      GenericFileEndpoint<File> endpoint,
      Exchange exchange,
      GenericFile<File> file)
      throws Exception {
    return camels.begin(operations, endpoint, exchange, file);
  }

  @Override
  public void abort(
      GenericFileOperations<File> operations,
      GenericFileEndpoint<File> endpoint,
      Exchange exchange,
      GenericFile<File> file)
      throws Exception {
    camels.abort(operations, endpoint, exchange, file);
  }

  @Override
  public void commit(
      GenericFileOperations<File> operations,
      GenericFileEndpoint<File> endpoint,
      Exchange exchange,
      GenericFile<File> file)
      throws Exception {
    if (safe(endpoint, file, operations, exchange)) {
      camels.commit(operations, endpoint, exchange, file);
    }
  }

  @Override
  public void rollback(
      GenericFileOperations<File> operations,
      GenericFileEndpoint<File> endpoint,
      Exchange exchange,
      GenericFile<File> file)
      throws Exception {
    if (safe(endpoint, file, operations, exchange)) {
      camels.rollback(operations, endpoint, exchange, file);
    }
  }

  private static boolean safe(
      GenericFileEndpoint<File> endpoint,
      GenericFile<File> file,
      GenericFileOperations<File> operations,
      Exchange exchange)
      throws Exception {
    String problem =
        new InboxFolders(Path.of(endpoint.getConfiguration().getDirectory())).problem();
    if (problem == null) {
      return true;
    }
    LOG.error("{} not moved, it stays in the inbox: {}", file.getFileNameOnly(), problem);
    endpoint
        .getExclusiveReadLockStrategy()
        .releaseExclusiveReadLockOnRollback(operations, file, exchange);
    return false;
  }
}
