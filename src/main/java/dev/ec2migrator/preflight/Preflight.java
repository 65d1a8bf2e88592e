package dev.ec2migrator.preflight;

import dev.ec2migrator.aws.MigrationTags;
import dev.ec2migrator.aws.RetryRule;
import dev.ec2migrator.model.InstanceMigration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link PreflightCheck} of the registry on one described instance. The checks are
 * looked up at each use, so checks bound by any configuration take part; they run in name order so
 * the reasons read the same every time.
 */
public class Preflight {
  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

  private final Registry registry;

  public Preflight(Registry registry) {
    this.registry = registry;
  }

  /** Every check's findings; a check that threw is a finding of its own ("could not check"). */
  public Verdict verdict(InstanceMigration m) {
    return verdict(m, false);
  }

  /**
   * @param retryLater a check that could not look for a reason that passes (throttling, a lost
   *     connection) throws that failure, so the route's retry rule asks again later, instead of
   *     failing the instance
   */
  private Verdict verdict(InstanceMigration m, boolean retryLater) {
    List<Finding> findings = new ArrayList<>();
    if (m.isFailed() || m.source() == null) {
      // the describe's own reason (no such instance, terminated, instance-store root)
      findings.add(
          m.error() == null
              ? new Finding("describe", "the instance was not described", true)
              : new Finding("describe", m.error(), false));
      return new Verdict(m, List.copyOf(findings), m.warning());
    }
    for (PreflightCheck check : checks()) {
      try {
        check.findings(m).forEach(reason -> findings.add(new Finding(check.name(), reason, false)));
      } catch (Exception e) {
        if (retryLater && registry.lookupByNameAndType("retryRule", RetryRule.class).retryable(e)) {
          throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.info("{}: preflight check {} could not look: {}", m.instanceId(), check.name(), reason);
        findings.add(new Finding(check.name(), reason, true));
      }
    }
    Verdict verdict = new Verdict(m, List.copyOf(findings), m.warning());
    if (verdict.ready()) {
      LOG.info("{}: preflight READY", m.instanceId());
    } else {
      LOG.info("{}: preflight NOT READY: {}", m.instanceId(), verdict.reasons());
    }
    return verdict;
  }

  /**
   * For the start of a run: an instance that is not ready fails here, before any freeze, snapshot
   * or copy is spent on it.
   *
   * @throws PreflightFailedException with every reason
   */
  public void require(InstanceMigration m) {
    // an instance this run left stopped (a crash in quiesce mode stop) is started by the run
    // whatever a check says: failing it here would leave it stopped
    if (m.runId().equals(m.source().tags().get(MigrationTags.STOPPED_BY))) {
      return;
    }
    Verdict verdict = verdict(m, true);
    if (!verdict.ready()) {
      throw new PreflightFailedException(m.instanceId(), verdict.reasons());
    }
  }

  private List<PreflightCheck> checks() {
    return registry.findByType(PreflightCheck.class).stream()
        .sorted(Comparator.comparing(PreflightCheck::name))
        .toList();
  }
}
