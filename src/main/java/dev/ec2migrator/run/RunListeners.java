package dev.ec2migrator.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every listener, in the order they were added, of a run opening or closing. A listener that
 * throws is logged and the others are still told: monitoring never stops a run.
 */
class RunListeners {
  private static final Logger LOG = LoggerFactory.getLogger(RunListeners.class);

  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

  void add(RunListener listener) {
    listeners.add(listener);
  }

  void opened(MigrationRun run) {
    tell(l -> l.opened(run));
  }

  void closed(MigrationRun run) {
    tell(l -> l.closed(run));
  }

  private void tell(Consumer<RunListener> event) {
    for (RunListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("Run listener {} failed: {}", listener, e.toString());
      }
    }
  }
}
