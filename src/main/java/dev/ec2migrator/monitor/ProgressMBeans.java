package dev.ec2migrator.monitor;

import dev.ec2migrator.run.MigrationRun;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code MigrationProgress} MBeans in the platform MBean server (where Camel's own
 * MBeans and Jolokia are): {@code run=all} at start, one per run as it opens. Finished runs stay
 * registered; everything is unregistered when Camel stops.
 */
public class ProgressMBeans extends ServiceSupport implements dev.ec2migrator.run.RunListener {
  public static final String DOMAIN = "dev.ec2migrator";
  private static final Logger LOG = LoggerFactory.getLogger(ProgressMBeans.class);

  private final ProgressSources sources;
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();

  public ProgressMBeans(ProgressSources sources) {
    this.sources = sources;
  }

  public static ObjectName name(String runId) {
    try {
      String value = runId.matches("[A-Za-z0-9._-]+") ? runId : ObjectName.quote(runId);
      return new ObjectName(DOMAIN + ":type=MigrationProgress,run=" + value);
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  protected void doStart() {
    register(MigrationProgress.ALL);
    sources.registry().runs().forEach(r -> register(r.runId()));
  }

  @Override
  public void opened(MigrationRun run) {
    register(run.runId());
  }

  private void register(String runId) {
    ObjectName name = name(runId);
    if (registered.contains(name)) {
      return; // the MBean follows the run by id: a resumed run needs no new one
    }
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name); // left by an earlier context of this JVM
      }
      server.registerMBean(new MigrationProgress(runId, sources), name);
      registered.add(name);
      LOG.debug("Registered {}", name);
    } catch (JMException e) {
      LOG.warn("Could not register {}: {}", name, e.toString());
    }
  }

  @Override
  protected void doStop() {
    for (ObjectName name : registered) {
      try {
        if (server.isRegistered(name)) {
          server.unregisterMBean(name);
        }
      } catch (JMException e) {
        LOG.debug("Could not unregister {}: {}", name, e.toString());
      }
    }
    registered.clear();
  }
}
