package dev.ec2migrator.model;

/**
 * How a paravirtual host's disk boots under PV-GRUB: {@code hd0} when the root device is the whole
 * volume (menu.lst's {@code root (hd0)}), {@code hd00} when /boot is the first partition of a
 * partitioned volume ({@code root (hd0,0)}). Amazon publishes a PV-GRUB kernel for each.
 */
public enum GrubLayout {
  HD0("hd0"),
  HD00("hd00");

  private final String label;

  GrubLayout(String label) {
    this.label = label;
  }

  /** As in the kernel image names ({@code pv-grub-hd00_1.05-x86_64.gz}) and the properties. */
  public String label() {
    return label;
  }

  public static GrubLayout ofLabel(String label) {
    for (GrubLayout layout : values()) {
      if (layout.label.equals(label)) {
        return layout;
      }
    }
    throw new IllegalArgumentException("not a PV-GRUB layout (hd0 or hd00): " + label);
  }
}
