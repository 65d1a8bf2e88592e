package dev.ec2migrator.pvgrub;

import dev.ec2migrator.model.GrubLayout;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.model.MigrationException;
import dev.ec2migrator.model.SourceInstance;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * How a paravirtual instance will boot in the target region: its disk layout (from its grub menu,
 * read over SSH; for a stopped host, from the name of the PV-GRUB kernel it boots with now) and the
 * target region's PV-GRUB kernel for that layout and its architecture.
 */
public class PvGrubBoot {
  private final PvGrubKernels kernels;
  private final GrubMenuReader menus;

  public PvGrubBoot(PvGrubKernels kernels, GrubMenuReader menus) {
    this.kernels = kernels;
    this.menus = menus;
  }

  /**
   * The host's grub menu as PV-GRUB will read it; its layout is kept on the migration.
   *
   * @throws IOException the host could not be asked
   */
  public GrubMenu menu(InstanceMigration m) throws IOException {
    Optional<String> text = menus.read(m);
    GrubMenu menu =
        text.map(GrubMenu::parse)
            .orElseGet(
                () ->
                    new GrubMenu(
                        null,
                        List.of(
                            "neither /boot/grub/menu.lst nor /boot/grub/grub.conf can be read:"
                                + " PV-GRUB boots from that menu; add one with root (hd0) or root"
                                + " (hd0,0) and a kernel line")));
    if (menu.bootable()) {
      m.grubLayout(menu.layout());
    }
    return menu;
  }

  /** The layout told by the source's kernel, when that is one of Amazon's PV-GRUB kernels. */
  public Optional<GrubLayout> layoutOfSourceKernel(InstanceMigration m) {
    String kernelId = m.source().kernelId();
    return kernelId == null
        ? Optional.empty()
        : kernels.kernel(m.sourceRegion(), kernelId).map(PvGrubKernel::layout);
  }

  /** The target region's PV-GRUB kernel for this source and layout; empty when it has none. */
  public Optional<String> kernelId(InstanceMigration m, GrubLayout layout) {
    return kernels.kernelId(m.targetRegion(), m.source().architecture(), layout);
  }

  /**
   * The kernel to register the paravirtual image with. The layout comes from the preflight's look
   * at the menu, else from the menu now (a running host), else from the source's PV-GRUB kernel.
   *
   * @throws MigrationException no layout can be told or the target region has no such kernel
   */
  public String kernelFor(InstanceMigration m) {
    GrubLayout layout = m.grubLayout();
    String unread = null;
    if (layout == null && m.source().running()) {
      GrubMenu menu = null;
      try {
        menu = menu(m);
      } catch (IOException e) {
        // the host is out of reach now (the snapshot is taken): its own kernel may still tell
        unread = "the grub menu could not be read: " + e.getMessage();
      }
      if (menu != null && !menu.bootable()) {
        throw new MigrationException(
            m.instanceId(),
            "RegisterImage",
            "PvGrubUnbootable",
            String.join("; ", menu.problems()));
      }
      layout = menu == null ? null : menu.layout();
    }
    if (layout == null) {
      String why =
          unread != null
              ? unread
              : "stopped, and its kernel "
                  + m.source().kernelId()
                  + " is not one of Amazon's PV-GRUB kernels: start it so that its grub menu"
                  + " can be read";
      String code = unread != null ? "GrubMenuUnread" : "PvGrubLayoutUnknown";
      layout =
          layoutOfSourceKernel(m)
              .orElseThrow(
                  () -> new MigrationException(m.instanceId(), "RegisterImage", code, why));
    }
    GrubLayout chosen = layout;
    return kernelId(m, chosen)
        .orElseThrow(() -> missingKernel(m.instanceId(), "RegisterImage", m, chosen));
  }

  static MigrationException missingKernel(
      String instanceId, String step, InstanceMigration m, GrubLayout layout) {
    return new MigrationException(instanceId, step, "MissingKernel", missingKernelText(m, layout));
  }

  static String missingKernelText(InstanceMigration m, GrubLayout layout) {
    SourceInstance s = m.source();
    return "no PV-GRUB kernel pv-grub-"
        + layout.label()
        + "_*-"
        + s.architecture()
        + ".gz among Amazon's kernels in "
        + m.targetRegion()
        + ": set "
        + PvGrubKernels.OVERRIDE_PREFIX
        + m.targetRegion()
        + "."
        + s.architecture()
        + "."
        + layout.label()
        + " to a kernel (aki-) id there";
  }
}
