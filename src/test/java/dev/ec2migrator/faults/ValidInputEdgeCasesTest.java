package dev.ec2migrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2migrator.input.InstanceEntry;
import dev.ec2migrator.input.InstanceList;
import dev.ec2migrator.input.InstanceListParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator's editor produces (BOM, CRLF, comments, blank lines) is accepted as is. */
class ValidInputEdgeCasesTest {
  private final InstanceListParser parser = new InstanceListParser(1 << 20, 1000);

  @Test
  void aBomAndCrlfListParsesToTheSameEntriesAsAPlainOne() {
    String plain =
        "# two hosts\ninstance_id,ssh_user,mount_points\n\n"
            + "i-0123456789abcdef0,ec2-user,/;/data\ni-01234567,ubuntu,\n";
    String windows = "\uFEFF" + plain.replace("\n", "\r\n");

    InstanceList a = parser.parse(plain.getBytes(StandardCharsets.UTF_8), "a.csv");
    InstanceList b = parser.parse(windows.getBytes(StandardCharsets.UTF_8), "a.csv");

    assertThat(b.entries()).isEqualTo(a.entries());
    InstanceEntry first = b.entries().get(0);
    assertThat(first.line()).isEqualTo(4);
    assertThat(first.instanceId()).isEqualTo("i-0123456789abcdef0");
    assertThat(first.sshUser()).isEqualTo("ec2-user");
    assertThat(first.mountPoints()).isEqualTo(List.of("/", "/data"));
    assertThat(b.entries().get(1).mountPoints()).isNull();
  }

  @Test
  void theSameContentGivesTheSameRunIdSoADropAgainResumes() {
    byte[] content = "i-0123456789abcdef0\n".getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(content, "/inbox/wave-1.txt").runId())
        .isEqualTo(parser.parse(content.clone(), "/elsewhere/wave-1.txt").runId())
        .startsWith("wave-1-");
  }
}
