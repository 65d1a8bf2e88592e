package dev.ec2migrator.pvgrub;

import dev.ec2migrator.model.GrubLayout;
import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.preflight.PreflightCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Paravirtual sources boot in the target region through PV-GRUB, which reads the host's grub menu:
 * reports a menu PV-GRUB cannot boot, an architecture it has no kernel for, and a target region
 * without a PV-GRUB kernel for the host's layout. Reads the menu over SSH without sudo.
 */
public class PvGrubCheck implements PreflightCheck {
  /** Amazon publishes PV-GRUB for these two only. */
  private static final Set<String> ARCHITECTURES = Set.of("i386", "x86_64");

  private final PvGrubBoot boot;

  public PvGrubCheck(PvGrubBoot boot) {
    this.boot = boot;
  }

  @Override
  public String name() {
    return "pv-grub";
  }

  @Override
  public List<String> findings(InstanceMigration m) throws Exception {
    if (!"paravirtual".equals(m.source().virtualizationType())) {
      return List.of();
    }
    String architecture = m.source().architecture();
    if (!ARCHITECTURES.contains(architecture)) {
      return List.of(
          "a paravirtual "
              + architecture
              + " instance: PV-GRUB exists for i386 and x86_64 only; migrate it as an HVM image");
    }
    List<String> findings = new ArrayList<>();
    Optional<GrubLayout> layout;
    if (m.source().running()) {
      GrubMenu menu = boot.menu(m);
      findings.addAll(menu.problems());
      layout = Optional.ofNullable(menu.layout());
    } else {
      layout = boot.layoutOfSourceKernel(m);
      if (layout.isEmpty()) {
        findings.add(
            "stopped, and its kernel "
                + m.source().kernelId()
                + " is not one of Amazon's PV-GRUB kernels: start it so that its grub menu can be"
                + " read");
      }
    }
    if (layout.isPresent() && boot.kernelId(m, layout.get()).isEmpty()) {
      findings.add(PvGrubBoot.missingKernelText(m, layout.get()));
    }
    return findings;
  }
}
