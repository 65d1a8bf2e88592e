package dev.ec2migrator.pvgrub;

import dev.ec2migrator.model.GrubLayout;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of Amazon's PV-GRUB kernel images, known by its name, e.g. {@code pv-grub-hd00_1.05-i386.gz}:
 * the layout it boots, its version and the architecture of the kernels it can start (a 64-bit
 * PV-GRUB cannot start a 32-bit kernel, nor the other way round).
 */
record PvGrubKernel(
    String imageId, String name, GrubLayout layout, String version, String architecture) {
  private static final Pattern NAME =
      Pattern.compile("pv-grub-(hd0|hd00)_([0-9]+(?:\\.[0-9]+)*)-(i386|x86_64)\\.gz");

  /** The kernel an Amazon image name describes; empty for any other name. */
  static Optional<PvGrubKernel> ofImage(String imageId, String name) {
    Matcher m = NAME.matcher(name == null ? "" : name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new PvGrubKernel(imageId, name, GrubLayout.ofLabel(m.group(1)), m.group(2), m.group(3)));
  }

  /** Numeric, part by part: 1.10 is newer than 1.9. */
  static int compareVersions(String a, String b) {
    int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
    int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
    return Arrays.compare(x, y);
  }
}
