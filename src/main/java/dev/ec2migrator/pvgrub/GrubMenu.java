package dev.ec2migrator.pvgrub;

import dev.ec2migrator.model.GrubLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PV-GRUB will make of a host's grub menu ({@code /boot/grub/menu.lst} or {@code grub.conf}):
 * the disk layout of the default entry ({@code root (hd0)} = hd0, {@code root (hd0,0)} = hd00) and
 * what in it PV-GRUB cannot boot, each problem saying what to change.
 */
public record GrubMenu(GrubLayout layout, List<String> problems) {
  private static final Pattern DEVICE = Pattern.compile("\\((hd\\d{1,3})(?:,(\\d{1,3}))?\\)(.*)");
  private static final Pattern ROOT_ARG = Pattern.compile("(?:^|\\s)root=(\\S+)");

  /** Whether PV-GRUB can boot the default entry. */
  public boolean bootable() {
    return layout != null && problems.isEmpty();
  }

  /** Reads a menu's text; never throws on hostile or broken text (that is a problem found). */
  public static GrubMenu parse(String text) {
    List<String> problems = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    String defaultValue = "0";
    Entry current = null;
    String[] lines = text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("[\\s=]+", 2);
      String command = words[0];
      String rest = words.length > 1 ? words[1].strip() : "";
      if (command.equals("title")) {
        current = new Entry(rest);
        entries.add(current);
      } else if (current == null) {
        if (command.equals("default")) {
          defaultValue = rest;
        }
      } else if (command.equals("root")) {
        current.root = rest;
        current.rootLine = n + 1;
      } else if (command.equals("kernel")) {
        current.kernel = rest;
        current.kernelLine = n + 1;
      }
    }
    if (entries.isEmpty()) {
      problems.add("menu.lst has no boot entry (title): add one with root (hd0) and a kernel line");
      return new GrubMenu(null, problems);
    }
    int index = defaultValue.matches("\\d{1,3}") ? Integer.parseInt(defaultValue) : 0;
    if (index >= entries.size()) {
      problems.add(
          "menu.lst's default "
              + index
              + " names no entry (there are "
              + entries.size()
              + "): set default to the entry to boot");
      return new GrubMenu(null, problems);
    }
    Entry entry = entries.get(index);
    GrubLayout layout = layout(entry, problems);
    kernel(entry, problems);
    return new GrubMenu(layout, List.copyOf(problems));
  }

  private static GrubLayout layout(Entry entry, List<String> problems) {
    String device = entry.root;
    if (device == null && entry.kernel != null && entry.kernel.startsWith("(")) {
      device = entry.kernel.split("\\s+", 2)[0];
    }
    if (device == null) {
      problems.add(
          "entry '"
              + entry.title
              + "' has no root line: add root (hd0) for a whole-volume root file system or root"
              + " (hd0,0) for /boot on the first partition");
      return null;
    }
    Matcher m = DEVICE.matcher(device);
    if (!m.matches()) {
      problems.add(
          "entry '"
              + entry.title
              + "' roots at '"
              + shown(device)
              + "', which PV-GRUB cannot read: use root (hd0) or root (hd0,0)");
      return null;
    }
    if (!m.group(1).equals("hd0")) {
      problems.add(
          "entry '"
              + entry.title
              + "' boots from "
              + m.group(1)
              + ": PV-GRUB boots the root volume only, as hd0 (root (hd0) or root (hd0,0))");
      return null;
    }
    if (m.group(2) == null) {
      return GrubLayout.HD0;
    }
    if (!m.group(2).equals("0")) {
      problems.add(
          "entry '"
              + entry.title
              + "' boots from partition "
              + (Integer.parseInt(m.group(2)) + 1)
              + ": PV-GRUB's hd00 reads /boot from the first partition only; move /boot there and"
              + " use root (hd0,0)");
      return null;
    }
    return GrubLayout.HD00;
  }

  private static void kernel(Entry entry, List<String> problems) {
    if (entry.kernel == null || entry.kernel.isBlank()) {
      problems.add(
          "entry '"
              + entry.title
              + "' has no kernel line: add kernel /boot/vmlinuz-<version> root=<device>");
      return;
    }
    String[] parts = entry.kernel.split("\\s+", 2);
    String path = parts[0];
    Matcher device = DEVICE.matcher(path);
    if (device.matches()) {
      path = device.group(3);
    }
    if (!path.startsWith("/")) {
      problems.add(
          "entry '"
              + entry.title
              + "' (line "
              + entry.kernelLine
              + "): kernel '"
              + shown(parts[0])
              + "' is not a path PV-GRUB can read: give the kernel's absolute path, e.g."
              + " /boot/vmlinuz-<version>");
    }
    String args = parts.length > 1 ? parts[1] : "";
    Matcher root = ROOT_ARG.matcher(args);
    if (!root.find()) {
      problems.add(
          "entry '"
              + entry.title
              + "' (line "
              + entry.kernelLine
              + "): the kernel line has no root=: add root=LABEL=/ or root=UUID=<uuid> (or the"
              + " Xen device, e.g. /dev/xvda1)");
      return;
    }
    String rootDevice = root.group(1);
    if (rootDevice.startsWith("/dev/hd") || rootDevice.startsWith("/dev/nvme")) {
      problems.add(
          "entry '"
              + entry.title
              + "' (line "
              + entry.kernelLine
              + "): root="
              + shown(rootDevice)
              + " will not exist (a paravirtual instance's disks are Xen block devices,"
              + " /dev/xvd* or /dev/sd*): use root=LABEL=, root=UUID= or the Xen device");
    }
  }

  /** Host text in a finding: no control characters, and not a page of it. */
  private static String shown(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }

  private static final class Entry {
    final String title;
    String root;
    int rootLine;
    String kernel;
    int kernelLine;

    Entry(String title) {
      this.title = shown(title);
    }
  }
}
