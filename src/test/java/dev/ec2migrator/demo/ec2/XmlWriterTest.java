package dev.ec2migrator.demo.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlWriterTest {
  @Test
  void escapesMarkupKeepsLineBreaksAndDropsIllegalControlCharacters() {
    String xml =
        new XmlWriter()
            .element("v", "<a href=\"x\">&'</a>\r\n\tend\u0001")
            .element("skipped", (Object) null)
            .toXml();
    assertThat(xml)
        .isEqualTo("<v>&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;&#13;\n\tend\uFFFD</v>");
  }

  @Test
  void tagSetAndEnvelopes() {
    String body = new XmlWriter().tagSet(Map.of("k", "v")).toXml();
    assertThat(body).isEqualTo("<tagSet><item><key>k</key><value>v</value></item></tagSet>");
    assertThat(XmlWriter.response("DescribeRegions", "rid", new XmlWriter()))
        .contains("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
        .contains("<requestId>rid</requestId>")
        .endsWith("</DescribeRegionsResponse>");
    assertThat(XmlWriter.error("IncorrectState", "a < b", "rid"))
        .endsWith(
            "<Response><Errors><Error><Code>IncorrectState</Code><Message>a &lt; b</Message>"
                + "</Error></Errors><RequestID>rid</RequestID></Response>");
  }
}
