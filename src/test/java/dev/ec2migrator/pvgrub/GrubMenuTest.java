package dev.ec2migrator.pvgrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.demo.ssh.GrubMenus;
import dev.ec2migrator.model.GrubLayout;
import org.junit.jupiter.api.Test;

/** What PV-GRUB makes of a grub menu: the layout of the default entry and what it cannot boot. */
class GrubMenuTest {

  @Test
  void wholeVolumeRootIsHd0AndFirstPartitionBootIsHd00() {
    GrubMenu amazonLinux = GrubMenu.parse(String.join("\n", GrubMenus.bootable("hd0", "i386")));
    assertThat(amazonLinux.problems()).isEmpty();
    assertThat(amazonLinux.layout()).isEqualTo(GrubLayout.HD0);

    GrubMenu oel = GrubMenu.parse(String.join("\r\n", GrubMenus.bootable("hd00", "x86_64")));
    assertThat(oel.problems()).isEmpty();
    assertThat(oel.layout()).isEqualTo(GrubLayout.HD00);
    assertThat(oel.bootable()).isTrue();
  }

  @Test
  void theDefaultEntryDecides() {
    GrubMenu menu =
        GrubMenu.parse(
            """
            default 1
            title old
              root (hd0,1)
              kernel vmlinuz root=/dev/hda1
            title current
              root (hd0,0)
              kernel /vmlinuz-2.6.18-194.el5xen ro root=LABEL=/
            """);
    assertThat(menu.problems()).isEmpty();
    assertThat(menu.layout()).isEqualTo(GrubLayout.HD00);
  }

  @Test
  void aSecondPartitionBootAndAnIdeRootDeviceAreReportedWithWhatToChange() {
    GrubMenu menu = GrubMenu.parse(String.join("\n", GrubMenus.unbootable()));
    assertThat(menu.bootable()).isFalse();
    assertThat(menu.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("partition 2").contains("root (hd0,0)"))
        .anySatisfy(p -> assertThat(p).contains("root=/dev/hda3").contains("root=LABEL="));
  }

  @Test
  void kernelLinesPvGrubCannotReadAreReported() {
    assertThat(GrubMenu.parse("title x\nroot (hd0)\n").problems())
        .singleElement()
        .asString()
        .contains("no kernel line");
    assertThat(GrubMenu.parse("title x\nroot (hd0)\nkernel vmlinuz root=/dev/xvda1\n").problems())
        .singleElement()
        .asString()
        .contains("absolute path");
    assertThat(GrubMenu.parse("title x\nroot (hd0)\nkernel /boot/vmlinuz ro\n").problems())
        .singleElement()
        .asString()
        .contains("no root=");
    assertThat(GrubMenu.parse("title x\nroot (hd1)\nkernel /vmlinuz root=LABEL=/\n").problems())
        .singleElement()
        .asString()
        .contains("boots the root volume only");
    assertThat(GrubMenu.parse("title x\nkernel /vmlinuz root=/dev/nvme0n1p1\n").problems())
        .anySatisfy(p -> assertThat(p).contains("has no root line"))
        .anySatisfy(p -> assertThat(p).contains("will not exist"));
  }

  @Test
  void anEmptyOrHostileMenuIsAFindingNeverAnException() {
    assertThat(GrubMenu.parse("").problems()).singleElement().asString().contains("no boot entry");
    assertThat(GrubMenu.parse("default 7\ntitle only\nroot (hd0)\n").problems())
        .singleElement()
        .asString()
        .contains("default 7 names no entry");
    GrubMenu hostile =
        GrubMenu.parse("title $(reboot)\u0000\nroot (hd0,99999999999999999999)\nkernel\n");
    assertThat(hostile.bootable()).isFalse();
    assertThat(hostile.problems()).isNotEmpty();
  }
}
