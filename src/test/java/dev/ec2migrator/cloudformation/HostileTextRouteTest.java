package dev.ec2migrator.cloudformation;

import static dev.ec2migrator.cloudformation.ResultsCsvFixture.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tag and error text from the CSV must come out of the template exactly as it went in, except that
 * CloudFormation's dynamic references are defused ({{ printed as { {), so that no tag can resolve a
 * secret or a parameter into the stack.
 */
class HostileTextRouteTest extends CloudFormationRouteTestSupport {

  /** What CloudFormation must see: the text with every {{ broken. */
  static String defused(String text) {
    String out = text;
    while (out.contains("{{")) {
      out = out.replace("{{", "{ {");
    }
    return out;
  }

  static final List<String> HOSTILE =
      List.of(
          "control \u0000\u0001\u0007\b\u000b\f\u001b\u007f end",
          "C1 \u0080\u0085\u009f and separators \u2028\u2029 and bom \ufeff and \ufffe\uffff",
          "unicode Ωμέγα 日本語 e\u0301 😀 \uD83D\uDE00",
          "quotes ' \" '' \"\" \\ \\\\ \\n \\u0041 \\x41",
          "${x} ${body.description} #{x} <#if x>y</#if> [#if x]y[/#if] <@macro/> <#-- c",
          "key: value",
          "# not a comment",
          "a #b",
          "line one\nline two\r\nline three\rend",
          "---",
          "--- !tag\nKey: injected",
          "...",
          "*alias",
          "&anchor value",
          "!tag value",
          "!!binary aGVsbG8=",
          "=1+2",
          "+SUM(A1)",
          "-1",
          "@cmd",
          "\tleading tab",
          "\rleading carriage return",
          "'quoted'",
          "",
          "  padded  ",
          "% directive",
          "| literal",
          "> folded",
          "{a: b}",
          "[x, y]",
          "null",
          "~",
          "true",
          "0x1F",
          "1e3",
          "? complex",
          "{{resolve:secretsmanager:prod/db:SecretString:password}}",
          "x{{resolve:ssm:/a}} {{{resolve:ssm-secure:b}}} {{ resolve:ssm:c }}",
          "!Ref AWS::AccountId",
          "Fn::GetAtt: [Instance, PrivateIp]",
          "\"\nResources:\n  Evil:\n    Type: AWS::IAM::User\n\"",
          "x".repeat(256));

  @Test
  void everyHostileNameAndErrorTextRoundTripsExactly() throws Exception {
    ResultsCsvFixture fleet = new ResultsCsvFixture();
    for (int i = 0; i < HOSTILE.size(); i++) {
      fleet.migrated(i + 1, 1, 1).set(i + 1, ResultColumn.INSTANCE_NAME, HOSTILE.get(i));
    }
    int failed = 1000;
    for (int i = 0; i < HOSTILE.size(); i++) {
      fleet.failed(failed + i, 2, HOSTILE.get(i).isEmpty() ? "x" : HOSTILE.get(i).repeat(3));
    }
    Path csv = Files.writeString(temp.resolve("hostile.csv"), fleet.csv());

    Map<String, Object> doc = parse(render(csv).get(0));

    assertThat(doc.keySet())
        .containsExactly(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Conditions",
            "Resources",
            "Outputs");
    Map<String, Map<String, Object>> instances = resourcesOfType(doc, "AWS::EC2::Instance");
    assertThat(map(doc, "Resources")).hasSize(HOSTILE.size());
    assertThat(map(doc, "Parameters")).hasSize(4);
    for (int i = 0; i < HOSTILE.size(); i++) {
      String hex = String.format("%017x", i + 1);
      assertThat(tag(instances.get("Instance" + hex), "Name")).isEqualTo(defused(HOSTILE.get(i)));
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> skipped =
        (List<Map<String, Object>>)
            map(doc, "Metadata", "ec2-region-migrator").get("SkippedInstances");
    assertThat(skipped).hasSize(HOSTILE.size());
    for (int i = 0; i < HOSTILE.size(); i++) {
      assertThat(skipped.get(i))
          .containsEntry("SourceInstanceId", instanceId(failed + i))
          .containsEntry(
              "Reason", defused(HOSTILE.get(i).isEmpty() ? "x" : HOSTILE.get(i).repeat(3)));
    }
  }
}
