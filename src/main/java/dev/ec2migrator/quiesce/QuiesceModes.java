package dev.ec2migrator.quiesce;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;

/**
 * The quiesce mode of an instance: the list's {@code quiesce_mode} column, else the instance's tag
 * {@value #TAG}, else {@code migrator.quiesce.mode}. A tag is not validated input: a value that
 * names no mode fails the instance before anything is touched.
 */
public class QuiesceModes {
  public static final String TAG = "migrator:quiesce-mode";
  private final QuiesceMode configured;

  public QuiesceModes(String configured) {
    this.configured = QuiesceMode.parse(configured);
    if (this.configured == null) {
      throw new IllegalArgumentException(
          "migrator.quiesce.mode must be " + QuiesceMode.allowed() + ", not " + configured);
    }
  }

  public QuiesceMode of(InstanceMigration m) {
    if (m.entry().quiesceMode() != null) {
      return QuiesceMode.parse(m.entry().quiesceMode());
    }
    String tag = m.source().tags().get(TAG);
    if (tag == null) {
      return configured;
    }
    QuiesceMode mode = QuiesceMode.parse(tag);
    if (mode == null) {
      throw new MigrationException(
          m.instanceId(),
          "quiesce",
          "InvalidQuiesceMode",
          "tag " + TAG + " must be " + QuiesceMode.allowed());
    }
    return mode;
  }

  /** The mode's name, for the route's choice ({@code none} needs no SSH). */
  public String name(InstanceMigration m) {
    return of(m).text();
  }
}
