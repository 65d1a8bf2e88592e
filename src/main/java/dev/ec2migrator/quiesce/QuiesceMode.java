package dev.ec2migrator.quiesce;

import java.util.Locale;

/**
 * How an instance is made consistent for its snapshot: {@code fsfreeze} (fsfreeze -f, every file
 * system the kernel can freeze), {@code remount} (remount read-only, for old kernels without
 * fsfreeze such as OEL 5.5), {@code none} (crash-consistent), {@code stop} (StopInstances,
 * CreateSnapshots once stopped, StartInstances; no SSH), or {@code auto}: fsfreeze where the host
 * has it, else remount.
 */
public enum QuiesceMode {
  AUTO,
  FSFREEZE,
  REMOUNT,
  NONE,
  STOP;

  /** The mode named by a property, list column or tag value; null if it names none. */
  public static QuiesceMode parse(String value) {
    if (value == null) {
      return null;
    }
    for (QuiesceMode mode : values()) {
      if (mode.text().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    return null;
  }

  /** True for the modes that quiesce the host over SSH. */
  public boolean overSsh() {
    return this == AUTO || this == FSFREEZE || this == REMOUNT;
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String allowed() {
    return "auto, fsfreeze, remount, none or stop";
  }
}
