package dev.ec2migrator.preflight;

import dev.ec2migrator.model.InstanceMigration;
import java.util.List;

/**
 * One look at an instance before anything is spent on it: it reads (Describe calls, DryRun calls, a
 * read-only SSH command) and creates nothing. The preflight runs every bean of this type in the
 * registry, for the {@code check} command and at the start of every run.
 */
public interface PreflightCheck {

  /** A short kebab-case name shown beside each finding, e.g. {@code root-volume}. */
  String name();

  /**
   * What keeps this instance from migrating safely, one reason per entry, each naming what to
   * change; empty when the instance is ready as far as this check can tell.
   *
   * @throws Exception only when the check itself could not look (a network error, a throttled call
   *     that ran out of retries): the preflight reports that apart from a finding
   */
  List<String> findings(InstanceMigration migration) throws Exception;
}
